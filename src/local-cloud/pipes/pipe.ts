import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DynamoDBRecord } from 'aws-lambda';
import type { PipeDef } from '../../platform/topology/types.ts';
import type { Logger } from '../../platform/log.ts';
import { sendStreamFailure, type StreamFailureCondition } from '../delivery/failure-record.ts';
import { runStreamBatch, streamRetryDelay, type DeliveryOutcome } from '../delivery/stream-batch.ts';
import type { EventBridgeService } from '../eventbridge/bus.ts';
import { compileEventPattern } from '../../platform/event-pattern/index.ts';
import type { QueueSender } from '../delivery/ports.ts';
import { arn } from '../identity.ts';
import type { StateDb } from '../state/db.ts';
import { StreamReader, type CheckpointStore, type StreamBatch } from '../streams/index.ts';

export interface PipeOptions {
  /** Physical pipe name. */
  name: string;
  definition: PipeDef;
  streamArn: string;
  busName: string;
  /** Physical name of the dead-letter queue, if any. */
  deadLetterQueue?: string;
  db: StateDb;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  bus: EventBridgeService;
  queues: QueueSender;
  logger: Logger;
  now?: () => number;
  /** First retry delay after a failed delivery; doubles up to 30 s. Default 500 ms. */
  retryBaseDelayMs?: number;
}

/**
 * An EventBridge Pipe from a DynamoDB stream to an event bus: filter → batch → PutEvents (≤ 10 per
 * call). Each delivery and the stream checkpoint commit in one state-database transaction, so a
 * crash neither loses nor duplicates an enqueue.
 */
export class Pipe {
  readonly arn: string;
  readonly name: string;
  private readonly reader: StreamReader;
  private readonly filters: ((record: unknown) => boolean)[];
  private readonly abort = new AbortController();
  private readonly options: PipeOptions;
  private readonly now: () => number;
  private delivered = 0;
  private filteredOut = 0;

  constructor(options: PipeOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.name = options.name;
    this.arn = arn('pipes', `pipe/${options.name}`);
    this.filters = (options.definition.filters ?? []).map((pattern) => compileEventPattern(pattern, { dialect: 'filter' }));
    const source = options.definition.source ?? {};
    this.reader = new StreamReader({
      consumerId: `pipe:${options.name}`,
      streamArn: options.streamArn,
      client: options.streams,
      checkpoints: options.checkpoints,
      startingPosition: source.startingPosition ?? 'LATEST',
      batchSize: source.batchSize ?? 100,
      maximumBatchingWindowMs: (source.maximumBatchingWindowInSeconds ?? 0) * 1000,
      onBatch: (batch) => this.onBatch(batch),
      logger: options.logger,
    });
  }

  /** Resolves once the pipe knows where in the stream it starts. */
  start(): Promise<void> {
    return this.reader.start();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.reader.stop();
  }

  stats(): { delivered: number; filteredOut: number } {
    return { delivered: this.delivered, filteredOut: this.filteredOut };
  }

  private async onBatch(batch: StreamBatch): Promise<void> {
    const records = batch.records as unknown as DynamoDBRecord[];
    const passing = this.filters.length === 0 ? records : records.filter((record) => this.filters.some((matches) => matches(record)));
    this.filteredOut += records.length - passing.length;
    if (passing.length === 0) {
      batch.checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
      return;
    }
    const source = this.options.definition.source ?? {};
    await runStreamBatch(passing, {
      deliver: async (subset, checkpoint) => this.deliver(subset, checkpoint),
      checkpoint: (sequence) => batch.checkpoint(sequence),
      discard: (discarded, condition, attempts) => this.discard(batch.shardId, discarded, condition, attempts),
      maximumRetryAttempts: source.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: source.maximumRecordAgeInSeconds ?? -1,
      bisectOnError: source.onPartialBatchItemFailure === 'AUTOMATIC_BISECT',
      retryDelayMs: streamRetryDelay(this.options.retryBaseDelayMs ?? 500, 30_000),
      now: this.now,
      signal: this.abort.signal,
    });
    // Filtered-out records after the last delivered one still advance the checkpoint.
    if (!this.abort.signal.aborted) batch.checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
  }

  private async deliver(records: readonly DynamoDBRecord[], checkpoint: (sequence: string) => void): Promise<DeliveryOutcome> {
    const target = this.options.definition.target;
    const entries: PutEventsRequestEntry[] = records.map((record) => ({
      EventBusName: this.options.busName,
      Source: target.source ?? `Pipe ${this.options.name}`,
      DetailType: target.detailType ?? 'Event from aws:dynamodb',
      Detail: JSON.stringify(record),
      Resources: [],
    }));
    try {
      const commits = this.options.db.transaction(() => {
        const staged = [];
        for (let i = 0; i < entries.length; i += 10) {
          const { result, commit } = this.options.bus.stageEvents(entries.slice(i, i + 10));
          const failed = result.Entries.find((entry) => entry.ErrorCode);
          if (failed) throw new Error(`${failed.ErrorCode}: ${failed.ErrorMessage}`);
          staged.push(commit);
        }
        checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
        return staged;
      })();
      for (const commit of commits) commit();
      this.delivered += records.length;
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn('pipe delivery failed', { pipe: this.options.name, records: records.length, error: message });
      return { ok: false, error: message };
    }
  }

  private discard(shardId: string, records: readonly DynamoDBRecord[], condition: StreamFailureCondition, attempts: number): void {
    const queue = this.options.deadLetterQueue;
    this.options.logger.error('pipe discarded records', { pipe: this.options.name, records: records.length, condition, deadLetterQueue: queue ?? null });
    sendStreamFailure(this.options.queues, queue, {
      sourceArn: this.arn,
      streamArn: this.options.streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: attempts,
      now: this.now(),
    });
  }
}
