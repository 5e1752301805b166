import type { Logger } from '../../platform/log.ts';
import { participantOfArn, type ActivityFeed } from '../activity/index.ts';
import { AsyncInvocations } from './async-invocation.ts';
import type { AsyncInvokeConfig } from './destination-record.ts';
import { DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS, type TargetConfig } from './target.ts';
import type { DeliveryOutbox, PendingDelivery } from './outbox.ts';
import type { EventPublisher, FunctionInvoker, QueueSender } from './ports.ts';
import { busEntry } from './bus-entry.ts';
import { parseTargetArn } from './target-arn.ts';
import { counted } from '../settle/busy.ts';

export { parseTargetArn, type ArnKind } from './target-arn.ts';

export interface TargetDispatcherOptions {
  outbox: DeliveryOutbox;
  queues: QueueSender;
  functions: FunctionInvoker;
  /** Event bus targets and destinations; without it they fail (and are retried, then dead-lettered). */
  events?: EventPublisher;
  logger: Logger;
  now?: () => number;
  /** First retry delay of a failed delivery; doubles per attempt up to 60 s. Default 1,000 ms. */
  retryBaseDelayMs?: number;
  /** Delays of Lambda's own asynchronous retries after a function error (AWS: 2 retries, ~1 and ~2 min). */
  asyncRetryDelaysMs?: readonly number[];
  /** Deliveries run at once. Default 32. */
  maxInFlight?: number;
  /**
   * Hold outbox deliveries until `start()`. Default false. The cloud holds them while its stacks
   * deploy, so a delivery left over from the last run finds its function registered and its
   * EventInvokeConfig applied.
   */
  held?: boolean;
  /** Where retries and dead-lettered deliveries are reported; default nowhere. */
  activity?: ActivityFeed;
}

/**
 * Delivers matched events to rule targets. SQS targets are written synchronously (same transaction
 * as the PutEvents); Lambda targets and failed SQS deliveries go through the durable outbox, retried
 * per the target's RetryPolicy and sent to its DLQ (with AWS's error attributes) when it gives up.
 */
export class TargetDispatcher {
  private readonly options: Required<Omit<TargetDispatcherOptions, 'now' | 'events' | 'held' | 'activity'>> & Pick<TargetDispatcherOptions, 'events' | 'activity'> & { now: () => number };
  private readonly inFlight = new Set<number>();
  private readonly invocations: AsyncInvocations;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private held: boolean;

  constructor(options: TargetDispatcherOptions) {
    this.options = {
      retryBaseDelayMs: 1_000,
      asyncRetryDelaysMs: [60_000, 120_000],
      maxInFlight: 32,
      now: Date.now,
      ...options,
    };
    this.held = options.held ?? false;
    this.invocations = new AsyncInvocations({
      ...this.options,
      events: options.events,
      invokeAsync: (functionArn, payload) => this.invokeAsync(functionArn, payload),
    });
  }

  /** Releases held deliveries (see `held`) and attempts whatever is due. */
  start(): void {
    this.held = false;
    this.notify();
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
    this.invocations.configure(functionName, config);
  }

  /** Wakes the dispatcher after deliveries were added (call after the transaction committed). */
  notify(): void {
    if (this.closed || this.held) return;
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

  /** `settled()`'s view: each rule target or asynchronous invocation with deliveries not yet done. */
  busy(): string[] {
    return this.options.outbox.pendingByTarget().map(({ ruleArn, targetArn, count }) => {
      const parsed = parseTargetArn(targetArn);
      const target = parsed.kind === 'unknown' ? targetArn : `${parsed.kind === 'events' ? 'bus' : parsed.kind === 'lambda' ? 'function' : 'queue'} ${parsed.name}`;
      const pending = `${counted(count, 'delivery', 'deliveries')} pending`;
      const rule = /:rule\/(.+)$/.exec(ruleArn)?.[1];
      return rule ? `rule ${rule} → ${target}: ${pending}` : `async invocation of ${target}: ${pending}`;
    });
  }

  private drain(): void {
    if (this.closed || this.held) return;
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
        return await this.invocations.run(delivery, arn.name);
      } else if (arn.kind === 'events') {
        this.putOnBus(delivery);
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
      this.options.activity?.report({ kind: 'retry', from: participantOfArn(delivery.ruleArn), to: participantOfArn(delivery.target.arn), note: `attempt ${attempts + 1}: ${message}`, payload: delivery.input });
      logger.warn('eventbridge target delivery failed, will retry', { target: delivery.target.arn, attempts, error: message });
    }
  }

  /** An event bus target: PutEvents, whose failure the retry policy retries. */
  private putOnBus(delivery: PendingDelivery): void {
    if (!this.options.events) throw new DeliveryError('InternalException', 'no event bus is connected to delivery');
    const { Entries } = this.options.events.putEvents([busEntry(delivery)]);
    const failed = Entries[0];
    if (failed?.ErrorCode) throw new DeliveryError(failed.ErrorCode, failed.ErrorMessage ?? failed.ErrorCode);
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
    this.options.activity?.report({ kind: 'dlq-move', from: participantOfArn(delivery.target.arn), to: dlq?.kind === 'sqs' ? `queue:${dlq.name}` : 'dropped', note: code, payload: delivery.event });
    try {
      if (dlq?.kind !== 'sqs') throw new Error('the target has no dead-letter queue');
      queues.sendMessage(dlq.name, {
        body: delivery.event,
        messageAttributes: {
          // EventBridge Scheduler names the schedule where a rule names the rule.
          [delivery.ruleArn.startsWith('arn:aws:scheduler:') ? 'SCHEDULE_ARN' : 'RULE_ARN']: attribute(delivery.ruleArn),
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
