import { readerBatching } from '../../streams/batching.ts';
import type { Logger } from '../../../platform/log.ts';
import type { StreamSourceParameters } from '../../../platform/topology/types.ts';
import { sendStreamFailure, type StreamFailureCondition } from '../../delivery/failure-record.ts';
import { runStreamBatch, streamRetryDelay, type DeliveryOutcome } from '../../delivery/stream-batch.ts';
import type { StreamRecordInfo } from '../../delivery/stream-record-info.ts';
import { compileEventPattern } from '../../../platform/event-pattern/index.ts';
import { participant, participantOfArn } from '../../activity/index.ts';
import type { QueueSender } from '../../delivery/ports.ts';
import { arn } from '../../identity.ts';
import type { CheckpointStore } from '../../streams/index.ts';
import type { FunctionRunner } from '../runner/index.ts';
import { interpretBatchResponse } from './batch-response.ts';
import { Gate } from './gate.ts';
import { mappingUuid, type EventSourceMappingInfo, type PausableEventSource } from './mapping-info.ts';
import type { EventSourceStats } from './sqs-poller.ts';

/** What a mapping needs to know about one kind of stream record. */
export interface MappedRecordKind<R> extends StreamRecordInfo<R> {
  /** `kinesis` or `dynamodb`: which failure record AWS sends. */
  readonly kind: 'dynamodb' | 'kinesis';
  /** Records with the same lane key stay in order across ParallelizationFactor lanes. */
  laneKey(record: R): string;
  /** What filter criteria patterns are matched against. */
  filterView(record: R): unknown;
}

/** What a Lambda stream mapping delivers to, whatever its stream. */
export interface StreamMappingTarget {
  functionName: string;
  streamArn: string;
  /** Physical name of the on-failure queue, if any. */
  onFailureQueue?: string;
  runner: FunctionRunner;
  queues: QueueSender;
  logger: Logger;
  now?: () => number;
  /** First retry delay; doubles up to 30 s. Default 500 ms. */
  retryBaseDelayMs?: number;
}

export interface StreamMappingOptions<R> extends StreamMappingTarget {
  trigger: StreamSourceParameters;
  records: MappedRecordKind<R>;
  /** The stream's retention (bounds retries when MaximumRecordAgeInSeconds is −1); default 24 h. */
  retentionSeconds?: number;
}

/** The reader settings every Lambda stream mapping takes from its trigger, with AWS's defaults. */
export function mappingReaderSettings(options: StreamMappingTarget & { trigger: StreamSourceParameters; checkpoints: CheckpointStore }) {
  return {
    consumerId: `esm:${options.functionName}:${options.streamArn}`,
    checkpoints: options.checkpoints,
    ...readerBatching(options.trigger),
    logger: options.logger,
  };
}

/** A stream reader as a mapping drives it. */
export interface StreamConsumer {
  /** Resolves once the reader knows where in the stream it starts. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A started-and-stopped pair of a stream reader and the mapping it hands batches to. Paused, the
 * mapping holds the batch it was handed (unread further, un-checkpointed) until resumed.
 */
export abstract class MappedStreamSource<R> implements PausableEventSource {
  #readerStarted = false;

  protected constructor(
    private readonly mapping: StreamMapping<R>,
    private readonly reader: StreamConsumer,
    private readonly enabled: boolean,
  ) {}

  get stats(): EventSourceStats {
    return this.mapping.stats;
  }

  /** Resolves once the mapping knows where in the stream it starts (a disabled mapping does nothing). */
  async start(): Promise<void> {
    if (!this.enabled) return;
    this.#readerStarted = true;
    await this.reader.start();
  }

  async stop(): Promise<void> {
    this.mapping.stop();
    await this.reader.stop();
  }

  pause(): void {
    this.mapping.pause();
  }

  /** Resumes a paused mapping, or starts one declared disabled (from its StartingPosition). */
  async resume(): Promise<void> {
    this.mapping.resume();
    if (this.#readerStarted || this.mapping.stopped) return;
    this.#readerStarted = true;
    await this.reader.start();
  }

  describe(): EventSourceMappingInfo {
    const { functionName, streamArn, records, trigger } = this.mapping.settings;
    const state = this.#readerStarted && !this.mapping.paused ? 'Enabled' : 'Disabled';
    return { uuid: mappingUuid(functionName, streamArn), functionName, eventSourceArn: streamArn, kind: records.kind, state, batchSize: trigger.batchSize ?? 100, stats: { ...this.stats } };
  }
}

/**
 * The delivery half of a Lambda stream event source mapping (DynamoDB Streams or Kinesis): one
 * batch of one shard at a time, split into ParallelizationFactor lanes by key; filter criteria drop
 * records (the checkpoint still advances); ReportBatchItemFailures retries from the lowest failed
 * sequence number; bisect, retries, maximum record age and the on-failure SQS destination as AWS.
 */
export class StreamMapping<R> {
  readonly stats: EventSourceStats = { batches: 0, records: 0, failedBatches: 0, filteredOut: 0 };
  private readonly filters: ((record: unknown) => boolean)[];
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly gate = new Gate();
  /** The stream and function as activity participants. */
  private readonly source: string;
  private readonly target: string;

  constructor(private readonly options: StreamMappingOptions<R>) {
    this.now = options.now ?? Date.now;
    this.filters = (options.trigger.filterCriteria?.patterns ?? []).map((p) => compileEventPattern(p, { dialect: 'filter' }));
    this.source = participantOfArn(options.streamArn);
    this.target = participant.fn(options.functionName);
  }

  get settings(): Readonly<StreamMappingOptions<R>> {
    return this.options;
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  get paused(): boolean {
    return !this.gate.isOpen;
  }

  /** Stops retrying; a batch in flight stays un-checkpointed and is delivered again after a restart. */
  stop(): void {
    this.abort.abort();
  }

  pause(): void {
    this.gate.close();
  }

  resume(): void {
    this.gate.open();
  }

  /** Delivers one shard batch; `checkpoint` must belong to that batch. */
  async deliver(shardId: string, records: readonly R[], checkpoint: (sequenceNumber: string) => void): Promise<void> {
    await this.gate.wait(this.abort.signal);
    if (this.abort.signal.aborted) return;
    const kind = this.options.records;
    const passing = this.filters.length === 0 ? records : records.filter((r) => this.filters.some((matches) => matches(kind.filterView(r))));
    this.stats.filteredOut += records.length - passing.length;
    const filtered = records.length - passing.length;
    this.options.runner.activity?.report({ kind: 'stream-record', from: this.source, to: this.target, count: records.length, ...(filtered > 0 && { note: `${filtered} filtered out` }), payload: records });
    const lanes = splitByKey(passing, this.options.trigger.parallelizationFactor ?? 1, (r) => kind.laneKey(r));
    // With several lanes the shard checkpoint may only move once every lane is done.
    const laneCheckpoint = lanes.length === 1 ? checkpoint : () => undefined;
    await Promise.all(lanes.map((lane) => this.runLane(shardId, lane, laneCheckpoint)));
    if (!this.abort.signal.aborted && records.length > 0) checkpoint(kind.sequenceNumber(records[records.length - 1]!));
  }

  private runLane(shardId: string, records: R[], checkpoint: (sequence: string) => void): Promise<void> {
    const trigger = this.options.trigger;
    return runStreamBatch<R>(records, {
      deliver: (subset, save) => this.invoke(subset, save),
      checkpoint,
      discard: (discarded, condition, attempts, error) => this.discard(shardId, discarded, condition, attempts, error),
      maximumRetryAttempts: trigger.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: trigger.maximumRecordAgeInSeconds ?? -1,
      ...(this.options.retentionSeconds !== undefined && { retentionSeconds: this.options.retentionSeconds }),
      recordInfo: this.options.records,
      bisectOnError: trigger.bisectBatchOnFunctionError ?? false,
      retryDelayMs: streamRetryDelay(this.options.retryBaseDelayMs ?? 500, 30_000),
      now: this.now,
      signal: this.abort.signal,
      onRetry: (retried, attempt, error) =>
        this.options.runner.activity?.report({ kind: 'retry', from: this.source, to: this.target, count: retried.length, note: `attempt ${attempt + 1}: ${error}`, payload: retried }),
    });
  }

  private async invoke(records: readonly R[], checkpoint: (sequence: string) => void): Promise<DeliveryOutcome> {
    const kind = this.options.records;
    this.stats.batches += 1;
    this.stats.records += records.length;
    const result = await this.options.runner.invoke(this.options.functionName, { Records: records });
    if (!result.ok) {
      this.stats.failedBatches += 1;
      return { ok: false, error: `${result.error.errorType}: ${result.error.errorMessage}` };
    }
    if (this.options.trigger.reportBatchItemFailures) {
      const sequences = records.map((r) => kind.sequenceNumber(r));
      const verdict = interpretBatchResponse(result.payload, new Set(sequences));
      if (verdict.kind === 'all-failed') {
        this.stats.failedBatches += 1;
        return { ok: false, error: `malformed batchItemFailures response: ${verdict.reason}` };
      }
      if (verdict.kind === 'partial') {
        const lowest = Math.min(...verdict.failedIds.map((id) => sequences.indexOf(id)));
        this.stats.failedBatches += 1;
        return { ok: false, partial: true, retryFrom: lowest, error: `function reported ${verdict.failedIds.length} failed item(s)` };
      }
    }
    checkpoint(kind.sequenceNumber(records[records.length - 1]!));
    return { ok: true };
  }

  private discard(shardId: string, records: readonly R[], condition: StreamFailureCondition, attempts: number, error: string): void {
    const { functionName, streamArn, queues, onFailureQueue, records: recordInfo } = this.options;
    this.options.logger.error('stream event source discarded records', { function: functionName, records: records.length, condition, error });
    const sourceArn = arn('lambda', `function:${functionName}`);
    const to = onFailureQueue ? participant.queue(onFailureQueue) : 'dropped';
    this.options.runner.activity?.report({ kind: 'dlq-move', from: this.source, to, count: records.length, note: condition, payload: records });
    sendStreamFailure<R>(queues, onFailureQueue, { sourceArn, streamArn, shardId, records, condition, approximateInvokeCount: attempts, now: this.now(), streamKind: recordInfo.kind, recordInfo });
  }
}

/** Splits records into lanes by a hash of their keys, keeping each key's records in order. */
export function splitByKey<R>(records: readonly R[], lanes: number, keyOf: (record: R) => string): R[][] {
  if (lanes <= 1) return records.length > 0 ? [records.slice()] : [];
  const buckets: R[][] = Array.from({ length: lanes }, () => []);
  for (const record of records) {
    const key = keyOf(record);
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    buckets[Math.abs(hash) % lanes]!.push(record);
  }
  return buckets.filter((bucket) => bucket.length > 0);
}
