import type { SQSRecord } from 'aws-lambda';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../../platform/log.ts';
import { toSqsRecord } from '../../lambda/esm/sqs-records.ts';
import type { ReceivedMessage, SqsService } from '../../sqs/index.ts';
import type { PipeCore } from '../core.ts';
import type { PipeSourceParameters } from '../definition.ts';
import type { PipeSource } from './source.ts';

export interface SqsSourceOptions {
  readonly queueName: string;
  readonly sqs: Pick<SqsService, 'receiveMessages' | 'deleteMessage' | 'queueArn'>;
  readonly parameters: PipeSourceParameters;
  readonly core: PipeCore;
  readonly logger: Logger;
}

/** One ReceiveMessage returns at most 10 messages; a long poll lasts at most 20 s. */
const MAX_RECEIVE = 10;
const LONG_POLL_SECONDS = 20;

/**
 * An SQS queue: a poller long-polls it and fills a batch (up to BatchSize, within the batching
 * window counted from the first message), deletes the messages no filter matches, and deletes the
 * rest once the pipe delivered them, in the target's transaction when the target is local. A batch
 * that fails is left alone: its messages reappear after their visibility timeout, and the queue's
 * own redrive policy moves them to its dead-letter queue.
 */
export class SqsSource implements PipeSource {
  private readonly options: SqsSourceOptions;
  private readonly queueArn: string;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(options: SqsSourceOptions) {
    this.options = options;
    this.queueArn = options.sqs.queueArn(options.queueName);
  }

  start(): Promise<void> {
    this.loop ??= this.poll();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async poll(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        const messages = await this.fillBatch(signal);
        if (messages.length > 0) await this.process(messages.map((message) => toSqsRecord(message, this.queueArn)));
      } catch (error) {
        if (signal.aborted) return;
        this.options.logger.error('pipe could not read its queue; retrying', { queue: this.options.queueName, error });
        await delay(1_000, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async fillBatch(signal: AbortSignal): Promise<ReceivedMessage[]> {
    const { parameters, sqs, queueName } = this.options;
    const batchSize = parameters.batchSize ?? 10;
    const windowMs = (parameters.maximumBatchingWindowInSeconds ?? 0) * 1_000;
    const messages: ReceivedMessage[] = [];
    let closesAt = Infinity;
    while (messages.length < batchSize && !signal.aborted) {
      const left = closesAt - Date.now();
      if (messages.length > 0 && (windowMs === 0 || left <= 0)) break;
      // Once a batch has begun, its window (not the long poll) bounds the wait for more.
      const wait = until(signal, left);
      const received = await sqs
        .receiveMessages(queueName, { maxNumberOfMessages: Math.min(MAX_RECEIVE, batchSize - messages.length), waitTimeSeconds: LONG_POLL_SECONDS, signal: wait.signal })
        .finally(wait.release);
      if (messages.length === 0 && received.length > 0) closesAt = Date.now() + windowMs;
      for (const message of received) {
        // A message whose visibility timed out during the window comes back: keep it once, with its newest receipt handle.
        const earlier = messages.findIndex((m) => m.messageId === message.messageId);
        if (earlier === -1) messages.push(message);
        else messages[earlier] = message;
      }
    }
    return messages;
  }

  private async process(events: readonly SQSRecord[]): Promise<void> {
    const { core } = this.options;
    const passing = events.filter((event) => core.matches(event));
    // AWS deletes what no filter matches.
    if (passing.length < events.length) this.delete(events.filter((event) => !passing.includes(event)));
    core.dropped(events.length - passing.length);
    if (passing.length === 0) return;
    const outcome = await core.deliver(passing, () => this.delete(passing));
    // A failed batch is left alone; of a partly failed one, what the target took is deleted.
    if (outcome.ok || !outcome.failedIds) return;
    const failed = new Set(outcome.failedIds);
    this.delete(passing.filter((event) => !failed.has(event.messageId)));
  }

  /** Synchronous, so it joins the caller's transaction. */
  private delete(events: readonly SQSRecord[]): void {
    for (const event of events) this.options.sqs.deleteMessage(this.options.queueName, event.receiptHandle);
  }
}

/**
 * A signal aborted with `parent` or after `ms` (never, when infinite). Not `AbortSignal.any` with
 * `AbortSignal.timeout`: on Node 20 a collected timeout signal may never fire.
 */
function until(parent: AbortSignal, ms: number): { signal: AbortSignal; release: () => void } {
  if (!Number.isFinite(ms)) return { signal: parent, release: () => undefined };
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, Math.max(0, ms));
  parent.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', abort);
    },
  };
}
