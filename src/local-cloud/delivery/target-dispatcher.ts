import type { Logger } from '../../platform/log.ts';
import { asyncFailureRecord, type AsyncInvokeConfig } from './destination-record.ts';
import { DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS, type TargetConfig } from './target.ts';
import type { DeliveryOutbox, PendingDelivery } from './outbox.ts';
import type { FunctionInvoker, QueueSender } from './ports.ts';

export interface TargetDispatcherOptions {
  outbox: DeliveryOutbox;
  queues: QueueSender;
  functions: FunctionInvoker;
  logger: Logger;
  now?: () => number;
  /** First retry delay of a failed delivery; doubles per attempt up to 60 s. Default 1,000 ms. */
  retryBaseDelayMs?: number;
  /** Delays of Lambda's own asynchronous retries after a function error (AWS: 2 retries, ~1 and ~2 min). */
  asyncRetryDelaysMs?: readonly number[];
  /** Deliveries run at once. Default 32. */
  maxInFlight?: number;
}

export type ArnKind = { kind: 'sqs'; name: string } | { kind: 'lambda'; name: string } | { kind: 'unknown' };

export function parseTargetArn(arn: string): ArnKind {
  const parts = arn.split(':');
  if (parts[2] === 'sqs' && parts[5]) return { kind: 'sqs', name: parts[5] };
  if (parts[2] === 'lambda' && parts[5] === 'function' && parts[6]) return { kind: 'lambda', name: parts[6] };
  return { kind: 'unknown' };
}

/**
 * Delivers matched events to rule targets. SQS targets are written synchronously (same transaction
 * as the PutEvents); Lambda targets and failed SQS deliveries go through the durable outbox, retried
 * per the target's RetryPolicy and sent to its DLQ (with AWS's error attributes) when it gives up.
 */
export class TargetDispatcher {
  private readonly options: Required<Omit<TargetDispatcherOptions, 'now'>> & { now: () => number };
  private readonly inFlight = new Set<number>();
  private readonly asyncConfigs = new Map<string, AsyncInvokeConfig>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: TargetDispatcherOptions) {
    this.options = {
      retryBaseDelayMs: 1_000,
      asyncRetryDelaysMs: [60_000, 120_000],
      maxInFlight: 32,
      now: Date.now,
      ...options,
    };
  }

  /**
   * An asynchronous Lambda invocation (S3 notification, Invoke `Event`): queued in the durable outbox,
   * so it survives a crash and gets Lambda's async retries. `source` names the caller (a bucket ARN, or '').
   */
  invokeAsync(functionArn: string, payload: string, source = '', id = 'invoke'): void {
    this.deliver(source, { id, arn: functionArn }, payload, payload);
    this.notify();
  }

  /** Called inside PutEvents' transaction for each matched target. */
  deliver(ruleArn: string, target: TargetConfig, event: string, input: string): void {
    const arn = parseTargetArn(target.arn);
    const now = this.options.now();
    if (arn.kind === 'sqs') {
      try {
        this.options.queues.sendMessage(arn.name, { body: input });
        return;
      } catch (error) {
        this.options.outbox.add({ ruleArn, target, event, input, attempts: 1, now, dueAt: now + this.backoff(1) });
        this.options.logger.warn('eventbridge target delivery failed, will retry', { target: target.arn, error: String(error) });
        return;
      }
    }
    this.options.outbox.add({ ruleArn, target, event, input, attempts: 0, now, dueAt: now });
  }

  /** A function's EventInvokeConfig, applied to every asynchronous invocation of it (by name or alias). */
  configureAsyncInvoke(functionName: string, config: AsyncInvokeConfig): void {
    this.asyncConfigs.set(functionName, config);
  }

  /** Wakes the dispatcher after deliveries were added (call after the transaction committed). */
  notify(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.drain(), 0);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Deliveries not yet done (scheduled or in flight). */
  pendingCount(): number {
    return this.options.outbox.size();
  }

  private drain(): void {
    if (this.closed) return;
    const capacity = this.options.maxInFlight - this.inFlight.size;
    if (capacity > 0) {
      for (const delivery of this.options.outbox.lease(this.options.now(), capacity)) {
        this.inFlight.add(delivery.id);
        this.attempt(delivery)
          .catch((error: unknown) => this.options.logger.error('eventbridge delivery crashed', { target: delivery.target.arn, error }))
          .finally(() => {
            this.inFlight.delete(delivery.id);
            this.notify();
          });
      }
    }
    this.armTimer();
  }

  private armTimer(): void {
    const next = this.options.outbox.nextDueAt();
    if (next === undefined || this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.drain(), Math.max(0, Math.min(next - this.options.now(), 60_000)));
    this.timer.unref();
  }

  private async attempt(delivery: PendingDelivery): Promise<void> {
    const { outbox, logger } = this.options;
    const arn = parseTargetArn(delivery.target.arn);
    try {
      if (arn.kind === 'sqs') {
        this.options.queues.sendMessage(arn.name, { body: delivery.input });
      } else if (arn.kind === 'lambda') {
        // AWS does not retry a target that does not exist: straight to the dead-letter queue.
        if (!this.options.functions.has(arn.name)) return this.deadLetter(delivery, 'ResourceNotFoundException', `Function not found: ${delivery.target.arn}`);
        const result = await this.options.functions.invoke(arn.name, JSON.parse(delivery.input));
        if (!result.ok) return this.functionFailed(delivery, arn.name, result.error);
      } else {
        throw new DeliveryError('InvalidTarget', `Unsupported target ${delivery.target.arn}`);
      }
      outbox.done(delivery.id);
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const code = error instanceof DeliveryError ? error.code : 'InternalException';
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = this.exhausted(delivery, attempts);
      if (exhausted) return this.deadLetter(delivery, code, message, exhausted, attempts - 1);
      outbox.reschedule(delivery.id, attempts, delivery.functionAttempts, this.options.now() + this.backoff(attempts), message);
      logger.warn('eventbridge target delivery failed, will retry', { target: delivery.target.arn, attempts, error: message });
    }
  }

  /**
   * Lambda retries a failed asynchronous invocation (twice unless the function's config says fewer),
   * then sends AWS's destination record to its on-failure queue, or drops the event.
   */
  private functionFailed(delivery: PendingDelivery, functionName: string, error: { errorType: string; errorMessage: string }): void {
    const message = `${error.errorType}: ${error.errorMessage}`;
    const functionAttempts = delivery.functionAttempts + 1;
    const config = this.asyncConfigs.get(functionName) ?? {};
    const delay = functionAttempts <= (config.maximumRetryAttempts ?? 2) ? this.options.asyncRetryDelaysMs[functionAttempts - 1] : undefined;
    if (delay !== undefined) {
      this.options.outbox.reschedule(delivery.id, delivery.attempts, functionAttempts, this.options.now() + delay, message);
      return;
    }
    const { outbox, logger, queues } = this.options;
    const destination = config.onFailureArn ? parseTargetArn(config.onFailureArn) : undefined;
    try {
      if (destination?.kind !== 'sqs') throw new Error('the function has no on-failure destination');
      const requestPayload: unknown = JSON.parse(delivery.input);
      const record = asyncFailureRecord({ functionArn: delivery.target.arn, requestPayload, error, invokeCount: functionAttempts, now: this.options.now() });
      queues.sendMessage(destination.name, { body: JSON.stringify(record) });
    } catch (cause) {
      logger.error('function failed on every asynchronous attempt; event dropped', { target: delivery.target.arn, error: message, destination: String(cause) });
    } finally {
      outbox.done(delivery.id);
    }
  }

  /** Why the retry policy gives up (AWS's EXHAUSTED_RETRY_CONDITION), or undefined to retry. */
  private exhausted(delivery: PendingDelivery, attempts: number): string | undefined {
    const policy = delivery.target.retryPolicy ?? {};
    const maxAttempts = policy.maximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    const maxAgeMs = (policy.maximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS) * 1_000;
    if (attempts > maxAttempts) return 'MaximumRetryAttempts';
    if (this.options.now() - delivery.firstAttemptAt >= maxAgeMs) return 'MaximumEventAgeInSeconds';
    return undefined;
  }

  /** Sends the original event with AWS's error attributes to the target's DLQ; never throws (the event is dropped, loudly, if it cannot). */
  private deadLetter(delivery: PendingDelivery, code: string, message: string, condition?: string, retries = 0): void {
    const { outbox, logger, queues } = this.options;
    const dlq = delivery.target.deadLetterArn ? parseTargetArn(delivery.target.deadLetterArn) : undefined;
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      if (dlq?.kind !== 'sqs') throw new Error('the target has no dead-letter queue');
      queues.sendMessage(dlq.name, {
        body: delivery.event,
        messageAttributes: {
          RULE_ARN: attribute(delivery.ruleArn),
          TARGET_ARN: attribute(delivery.target.arn),
          ERROR_CODE: attribute(code),
          ERROR_MESSAGE: attribute(message.slice(0, 1_000)),
          ...(condition && { EXHAUSTED_RETRY_CONDITION: attribute(condition) }),
          RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(retries) },
        },
      });
    } catch (error) {
      logger.error('eventbridge target delivery gave up and the event is dropped', { target: delivery.target.arn, error: message, deadLetter: String(error) });
    } finally {
      outbox.done(delivery.id);
    }
  }

  private backoff(attempts: number): number {
    const base = Math.min(this.options.retryBaseDelayMs * 2 ** Math.max(0, attempts - 1), 60_000);
    return Math.round(base * (0.5 + Math.random() / 2));
  }
}

class DeliveryError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
