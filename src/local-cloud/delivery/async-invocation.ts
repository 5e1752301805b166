import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/log.ts';
import { participantOfArn, type ActivityFeed } from '../activity/index.ts';
import {
  DEFAULT_ASYNC_EVENT_AGE_SECONDS,
  DEFAULT_ASYNC_RETRY_ATTEMPTS,
  destinationEvent,
  destinationRecord,
  type AsyncInvocationResult,
  type AsyncInvokeConfig,
} from './destination-record.ts';
import type { DeliveryOutbox, PendingDelivery } from './outbox.ts';
import type { EventPublisher, FunctionInvoker, QueueSender } from './ports.ts';
import { parseTargetArn } from './target-arn.ts';

export interface AsyncInvocationsOptions {
  outbox: DeliveryOutbox;
  queues: QueueSender;
  functions: FunctionInvoker;
  events: EventPublisher | undefined;
  logger: Logger;
  now: () => number;
  /** Delays of Lambda's own retries after a function error. */
  asyncRetryDelaysMs: readonly number[];
  /** Queues an asynchronous invocation of another function (a Lambda destination). */
  invokeAsync(functionArn: string, payload: string): void;
  /** Where Lambda's retries are reported; default nowhere. */
  activity?: ActivityFeed | undefined;
}

/**
 * Lambda's side of an asynchronous invocation, once the event reached the function's queue (the
 * outbox): the event-age limit, the retries after a function error, then the OnSuccess / OnFailure
 * destinations or the function's dead-letter queue, per the function's EventInvokeConfig.
 */
export class AsyncInvocations {
  private readonly configs = new Map<string, AsyncInvokeConfig>();

  constructor(private readonly options: AsyncInvocationsOptions) {}

  configure(functionName: string, config: AsyncInvokeConfig): void {
    this.configs.set(functionName, config);
  }

  /** Invokes the function for one outbox row; the row is done, or rescheduled for Lambda's next retry. */
  async run(delivery: PendingDelivery, functionName: string): Promise<void> {
    const { outbox, now } = this.options;
    const config = this.configs.get(functionName) ?? {};
    const requestPayload: unknown = JSON.parse(delivery.input);
    const result = { functionArn: delivery.target.arn, requestPayload };
    const maxAgeMs = (config.maximumEventAgeSeconds ?? DEFAULT_ASYNC_EVENT_AGE_SECONDS) * 1_000;
    if (now() - delivery.firstAttemptAt > maxAgeMs) {
      this.finish(delivery, config, { ...result, condition: 'EventAgeExceeded', invokeCount: delivery.functionAttempts, now: now() });
      return;
    }
    const outcome = await this.options.functions.invoke(functionName, requestPayload);
    const invokeCount = delivery.functionAttempts + 1;
    if (outcome.ok) {
      this.finish(delivery, config, { ...result, condition: 'Success', invokeCount, response: { payload: outcome.payload ?? null }, now: now() });
      return;
    }
    const message = `${outcome.error.errorType}: ${outcome.error.errorMessage}`;
    const retries = config.maximumRetryAttempts ?? DEFAULT_ASYNC_RETRY_ATTEMPTS;
    const delay = invokeCount <= retries ? this.options.asyncRetryDelaysMs[invokeCount - 1] : undefined;
    if (delay !== undefined) {
      outbox.reschedule(delivery.id, delivery.attempts, invokeCount, now() + delay, message);
      this.options.activity?.report({ kind: 'retry', from: participantOfArn(delivery.ruleArn), to: participantOfArn(delivery.target.arn), note: `async attempt ${invokeCount + 1}: ${message}`, payload: delivery.input });
      return;
    }
    this.finish(delivery, config, { ...result, condition: 'RetriesExhausted', invokeCount, response: { error: outcome.error }, now: now() });
  }

  /** Sends the destination record (or the event to the dead-letter queue) and closes the outbox row; never throws. */
  private finish(delivery: PendingDelivery, config: AsyncInvokeConfig, result: AsyncInvocationResult): void {
    const { outbox, logger } = this.options;
    const success = result.condition === 'Success';
    const destination = success ? config.onSuccessArn : config.onFailureArn;
    try {
      if (destination) this.sendRecord(destination, result);
      else if (!success && config.deadLetterArn) this.deadLetter(config.deadLetterArn, delivery, result);
      else if (!success) logger.error('asynchronous invocation given up; event dropped (no OnFailure destination or dead-letter queue)', { target: delivery.target.arn, condition: result.condition });
    } catch (error) {
      logger.error('could not send an asynchronous invocation result; it is dropped', { target: delivery.target.arn, destination: destination ?? config.deadLetterArn, error: String(error) });
    } finally {
      outbox.done(delivery.id);
    }
  }

  private sendRecord(destination: string, result: AsyncInvocationResult): void {
    const record = destinationRecord(result);
    const arn = parseTargetArn(destination);
    if (arn.kind === 'sqs') {
      this.options.queues.sendMessage(arn.name, { body: JSON.stringify(record) });
    } else if (arn.kind === 'lambda') {
      this.options.invokeAsync(destination, JSON.stringify(record));
    } else if (arn.kind === 'events') {
      if (!this.options.events) throw new Error('no event bus is connected to delivery');
      const { Entries } = this.options.events.putEvents([destinationEvent(destination, record)]);
      if (Entries[0]?.ErrorCode) throw new Error(`${Entries[0].ErrorCode}: ${Entries[0].ErrorMessage ?? ''}`);
    } else {
      throw new Error(`destination ${destination} is not an SQS queue, a Lambda function or an event bus`);
    }
  }

  /** Lambda's DLQ gets the original event as it is, with the request id and the error in attributes. */
  private deadLetter(queueArn: string, delivery: PendingDelivery, result: AsyncInvocationResult): void {
    const arn = parseTargetArn(queueArn);
    if (arn.kind !== 'sqs') throw new Error(`dead-letter target ${queueArn} is not an SQS queue`);
    const error = result.response && 'error' in result.response ? (result.response.error as { errorType?: string; errorMessage?: string }) : undefined;
    const errorMessage = error ? `${error.errorType ?? 'Error'}: ${error.errorMessage ?? ''}` : 'Event age exceeded: the event was not invoked again.';
    this.options.queues.sendMessage(arn.name, {
      body: delivery.input,
      messageAttributes: {
        RequestID: { DataType: 'String', StringValue: result.requestId ?? randomUUID() },
        // Lambda reports the HTTP status of the invocation: a function error is a 200 with an error payload.
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: errorMessage.slice(0, 1_024) },
      },
    });
  }
}
