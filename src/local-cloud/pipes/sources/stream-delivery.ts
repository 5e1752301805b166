import type { Logger } from '../../../platform/log.ts';
import { participant, participantOfArn, type ActivityFeed } from '../../activity/index.ts';
import { sendStreamFailure, type StreamFailureCondition } from '../../delivery/failure-record.ts';
import type { QueueSender } from '../../delivery/ports.ts';
import { runStreamBatch, streamRetryDelay, type DeliveryOutcome } from '../../delivery/stream-batch.ts';
import type { StreamRecordInfo } from '../../delivery/stream-record-info.ts';
import type { PipeCore, PipeOutcome } from '../core.ts';
import type { PipeSourceParameters } from '../definition.ts';
import { itemIdOf, type PipeEvent } from '../events.ts';

export interface StreamDeliveryOptions<R extends PipeEvent> {
  readonly core: PipeCore;
  readonly pipeName: string;
  readonly pipeArn: string;
  /** Which failure record the dead-letter queue gets. */
  readonly streamKind: 'dynamodb' | 'kinesis';
  readonly streamArn: string;
  readonly records: StreamRecordInfo<R>;
  readonly parameters: PipeSourceParameters;
  /** The stream's retention (bounds retries when MaximumRecordAgeInSeconds is −1); default 24 h. */
  readonly retentionSeconds?: number;
  readonly deadLetterQueue?: string;
  readonly queues: QueueSender;
  readonly logger: Logger;
  readonly now: () => number;
  /** First retry delay; doubles up to 30 s. Default 500 ms. */
  readonly retryBaseDelayMs?: number;
  /** Where records read, retries and discards are reported; default nowhere. */
  readonly activity?: ActivityFeed | undefined;
}

/**
 * What a pipe does with one shard batch of an ordered stream (DynamoDB, Kinesis): records that match
 * no filter are dropped and the checkpoint moves past them; the rest go through the pipe with AWS's
 * stream semantics (retries, bisect, maximum record age, the dead-letter queue's failure record,
 * retry from the first item a target reported failed), never reordered.
 */
export class StreamDelivery<R extends PipeEvent> {
  private readonly options: StreamDeliveryOptions<R>;
  private readonly abort = new AbortController();

  constructor(options: StreamDeliveryOptions<R>) {
    this.options = options;
  }

  /** Stops retrying: a batch in flight stays un-checkpointed and is read again after a restart. */
  stop(): void {
    this.abort.abort();
  }

  async deliver(shardId: string, records: readonly R[], checkpoint: (sequenceNumber: string) => void): Promise<void> {
    const { core, parameters, records: info } = this.options;
    if (records.length === 0) return;
    const last = (batch: readonly R[]) => info.sequenceNumber(batch[batch.length - 1]!);
    const passing = records.filter((record) => core.matches(record));
    core.dropped(records.length - passing.length);
    this.report('stream-record', records, records.length > passing.length ? `${records.length - passing.length} filtered out` : undefined);
    if (passing.length > 0) {
      await runStreamBatch<R>(passing, {
        deliver: async (subset, save) => toDeliveryOutcome(subset, await core.deliver(subset, () => save(last(subset)))),
        checkpoint,
        discard: (discarded, condition, attempts, error) => this.discard(shardId, discarded, condition, attempts, error),
        maximumRetryAttempts: parameters.maximumRetryAttempts ?? -1,
        maximumRecordAgeInSeconds: parameters.maximumRecordAgeInSeconds ?? -1,
        ...(this.options.retentionSeconds !== undefined && { retentionSeconds: this.options.retentionSeconds }),
        recordInfo: info,
        bisectOnError: parameters.onPartialBatchItemFailure === 'AUTOMATIC_BISECT',
        retryDelayMs: streamRetryDelay(this.options.retryBaseDelayMs ?? 500, 30_000),
        now: this.options.now,
        signal: this.abort.signal,
        onRetry: (retried, attempt, error) => this.report('retry', retried, `attempt ${attempt + 1}: ${error}`),
      });
    }
    // Filtered-out records after the last delivered one still advance the checkpoint.
    if (!this.abort.signal.aborted) checkpoint(last(records));
  }

  /** Reads and retries go from the stream to the pipe. */
  private report(kind: 'stream-record' | 'retry', records: readonly R[], note: string | undefined): void {
    const { activity, streamArn, pipeName } = this.options;
    activity?.report({ kind, from: participantOfArn(streamArn), to: participant.pipe(pipeName), count: records.length, ...(note !== undefined && { note }), payload: records });
  }

  private discard(shardId: string, records: readonly R[], condition: StreamFailureCondition, attempts: number, error: string): void {
    const { deadLetterQueue, pipeName, pipeArn, streamArn, streamKind, queues } = this.options;
    this.options.logger.error('pipe discarded records', { pipe: pipeName, records: records.length, condition, error, deadLetterQueue: deadLetterQueue ?? null });
    this.options.activity?.report({ kind: 'dlq-move', from: participant.pipe(pipeName), to: deadLetterQueue ? participant.queue(deadLetterQueue) : 'dropped', count: records.length, note: condition, payload: records });
    sendStreamFailure<R>(queues, deadLetterQueue, {
      sourceArn: pipeArn,
      streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: attempts,
      now: this.options.now(),
      streamKind,
      recordInfo: this.options.records,
    });
  }
}

/** A target's failed items become a retry from the first of them, as for stream event source mappings. */
function toDeliveryOutcome(records: readonly PipeEvent[], outcome: PipeOutcome): DeliveryOutcome {
  if (outcome.ok) return outcome;
  if (!outcome.failedIds) return { ok: false, error: outcome.error };
  const failed = new Set(outcome.failedIds);
  return { ok: false, partial: true, retryFrom: records.findIndex((record) => failed.has(itemIdOf(record) ?? '')), error: outcome.error };
}
