import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamTrigger } from '../../../platform/topology/types.ts';
import type { Logger } from '../../../platform/log.ts';
import { sendStreamFailure, type StreamFailureCondition } from '../../delivery/failure-record.ts';
import { runStreamBatch, streamRetryDelay, type DeliveryOutcome } from '../../delivery/stream-batch.ts';
import { compileEventPattern } from '../../eventbridge/pattern/index.ts';
import type { QueueSender } from '../../eventbridge/targets.ts';
import { arn } from '../../identity.ts';
import { StreamReader, type CheckpointStore, type StreamBatch } from '../../streams/index.ts';
import type { FunctionRunner } from '../runner/index.ts';
import { interpretBatchResponse } from './batch-response.ts';
import type { EventSourceStats } from './sqs-poller.ts';

export interface StreamEventSourceOptions {
  functionName: string;
  streamArn: string;
  trigger: StreamTrigger;
  /** Physical name of the on-failure queue, if any. */
  onFailureQueue?: string;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  runner: FunctionRunner;
  queues: QueueSender;
  logger: Logger;
  now?: () => number;
  /** First retry delay; doubles up to 30 s. Default 500 ms. */
  retryBaseDelayMs?: number;
}

/**
 * A DynamoDB-stream event source mapping: one batch per shard at a time (per-item order), split into
 * ParallelizationFactor lanes by item key; filter criteria drop records (checkpoint advances);
 * ReportBatchItemFailures retries from the lowest failed SequenceNumber; bisect, retries, maximum
 * record age and the on-failure SQS destination as AWS.
 */
export class StreamEventSource {
  readonly stats: EventSourceStats = { batches: 0, records: 0, failedBatches: 0, filteredOut: 0 };
  private readonly reader: StreamReader;
  private readonly filters: ((record: unknown) => boolean)[];
  private readonly abort = new AbortController();
  private readonly now: () => number;

  constructor(private readonly options: StreamEventSourceOptions) {
    this.now = options.now ?? Date.now;
    this.filters = (options.trigger.filterCriteria?.patterns ?? []).map((p) => compileEventPattern(p, { dialect: 'filter' }));
    this.reader = new StreamReader({
      consumerId: `esm:${options.functionName}:${options.streamArn}`,
      streamArn: options.streamArn,
      client: options.streams,
      checkpoints: options.checkpoints,
      startingPosition: options.trigger.startingPosition,
      batchSize: options.trigger.batchSize ?? 100,
      maximumBatchingWindowMs: (options.trigger.maximumBatchingWindowInSeconds ?? 0) * 1_000,
      onBatch: (batch) => this.onBatch(batch),
      logger: options.logger,
    });
  }

  /** Resolves once the mapping knows where in the stream it starts. */
  async start(): Promise<void> {
    if (this.options.trigger.enabled !== false) await this.reader.start();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.reader.stop();
  }

  private async onBatch(batch: StreamBatch): Promise<void> {
    const records = batch.records as unknown as DynamoDBRecord[];
    const passing = this.filters.length === 0 ? records : records.filter((r) => this.filters.some((matches) => matches(r)));
    this.stats.filteredOut += records.length - passing.length;
    const lanes = splitByKey(passing, this.options.trigger.parallelizationFactor ?? 1);
    const single = lanes.length === 1;
    // With several lanes the shard checkpoint may only move once every lane is done.
    const checkpoint = single ? (sequence: string) => batch.checkpoint(sequence) : () => undefined;
    await Promise.all(lanes.map((lane) => this.runLane(batch.shardId, lane, checkpoint)));
    if (!this.abort.signal.aborted && records.length > 0) batch.checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
  }

  private runLane(shardId: string, records: DynamoDBRecord[], checkpoint: (sequence: string) => void): Promise<void> {
    const trigger = this.options.trigger;
    return runStreamBatch(records, {
      deliver: (subset, save) => this.invoke(subset, save),
      checkpoint,
      discard: (discarded, condition, attempts, error) => this.discard(shardId, discarded, condition, attempts, error),
      maximumRetryAttempts: trigger.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: trigger.maximumRecordAgeInSeconds ?? -1,
      bisectOnError: trigger.bisectBatchOnFunctionError ?? false,
      retryDelayMs: streamRetryDelay(this.options.retryBaseDelayMs ?? 500, 30_000),
      now: this.now,
      signal: this.abort.signal,
    });
  }

  private async invoke(records: readonly DynamoDBRecord[], checkpoint: (sequence: string) => void): Promise<DeliveryOutcome> {
    this.stats.batches += 1;
    this.stats.records += records.length;
    const result = await this.options.runner.invoke(this.options.functionName, { Records: records });
    if (!result.ok) {
      this.stats.failedBatches += 1;
      return { ok: false, error: `${result.error.errorType}: ${result.error.errorMessage}` };
    }
    if (this.options.trigger.reportBatchItemFailures) {
      const sequences = records.map((r) => r.dynamodb?.SequenceNumber ?? '');
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
    checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
    return { ok: true };
  }

  private discard(shardId: string, records: readonly DynamoDBRecord[], condition: StreamFailureCondition, attempts: number, error: string): void {
    this.options.logger.error('stream event source discarded records', { function: this.options.functionName, records: records.length, condition, error });
    sendStreamFailure(this.options.queues, this.options.onFailureQueue, {
      sourceArn: arn('lambda', `function:${this.options.functionName}`),
      streamArn: this.options.streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: attempts,
      now: this.now(),
    });
  }
}

/** Splits records into lanes by a hash of their keys, keeping each item's records in order. */
export function splitByKey(records: readonly DynamoDBRecord[], lanes: number): DynamoDBRecord[][] {
  if (lanes <= 1) return records.length > 0 ? [records.slice()] : [];
  const buckets: DynamoDBRecord[][] = Array.from({ length: lanes }, () => []);
  for (const record of records) {
    const key = JSON.stringify(record.dynamodb?.Keys ?? {});
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    buckets[Math.abs(hash) % lanes]!.push(record);
  }
  return buckets.filter((bucket) => bucket.length > 0);
}
