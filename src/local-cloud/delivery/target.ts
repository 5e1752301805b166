import type { InputTransformer, RetryPolicy } from '../../platform/topology/types.ts';

/** A delivery target: an EventBridge rule target, a schedule's target, or the function of an asynchronous invocation. */
export interface TargetConfig {
  readonly id: string;
  /** `arn:aws:sqs:…:<queue>`, `arn:aws:lambda:…:function:<name>` or `arn:aws:events:…:event-bus/<name>`. */
  readonly arn: string;
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
  readonly retryPolicy?: RetryPolicy;
  /** ARN of the SQS queue that receives events whose delivery gave up. */
  readonly deadLetterArn?: string;
  /**
   * An event bus target of EventBridge Scheduler: the event's detail-type and source, the input
   * being its detail. Without it a bus target forwards the EventBridge event it is given.
   */
  readonly eventBridgeParameters?: { readonly detailType: string; readonly source: string };
}

/** EventBridge's default RetryPolicy. */
export const DEFAULT_RETRY_ATTEMPTS = 185;
export const DEFAULT_EVENT_AGE_SECONDS = 86_400;
