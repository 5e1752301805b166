import type { InputTransformer, RetryPolicy } from '../../platform/topology/types.ts';

/** A delivery target: an EventBridge rule target, or the function of an asynchronous invocation. */
export interface TargetConfig {
  readonly id: string;
  /** `arn:aws:sqs:…:<queue>` or `arn:aws:lambda:…:function:<name>`. */
  readonly arn: string;
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
  readonly retryPolicy?: RetryPolicy;
  /** ARN of the SQS queue that receives events whose delivery gave up. */
  readonly deadLetterArn?: string;
}

/** EventBridge's default RetryPolicy. */
export const DEFAULT_RETRY_ATTEMPTS = 185;
export const DEFAULT_EVENT_AGE_SECONDS = 86_400;
