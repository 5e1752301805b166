import { GetRecordsCommand } from '@aws-sdk/client-dynamodb-streams';
import { Backoff } from './backoff.ts';
import type { CheckpointStore } from './checkpoints.ts';
import { errorName, ITERATOR_LOST_ERRORS, StreamReaderError } from './errors.ts';
import { openIterator, type ShardTarget } from './iterators.ts';
import type { StreamLogger } from './logger.ts';
import { normaliseRecord, type DynamoDBStreamRecord } from './records.ts';
import type { ShardFeed } from './shard-feed.ts';
import type { StreamFeeds } from './stream-feeds.ts';
import type { StreamBatch } from './types.ts';

export interface CursorSettings extends ShardTarget {
  consumerId: string;
  region: string;
  checkpoints: CheckpointStore;
  batchSize: number;
  maximumBatchingWindowMs: number;
  retryDelayMs: { min: number; max: number };
  onBatch: (batch: StreamBatch) => Promise<void>;
  logger: StreamLogger;
  /** Shared reads of the stream's shards; without them this cursor reads with its own iterator. */
  feeds?: StreamFeeds | undefined;
  /** A caller waits for records written up to this epoch ms: a shared read must be at least that fresh. */
  freshSince: () => number;
}

export interface PollResult {
  /** Records read from the stream in this poll. */
  fetched: number;
  /** The last page was full: more records are waiting, poll again at once. */
  fullPage: boolean;
  /** Records wait in a batch for its batching window. */
  buffered: boolean;
  /** Nothing new, nothing buffered, no retry pending: this shard is caught up. */
  settled: boolean;
  /** The shard is closed and fully checkpointed: its children may be read. */
  finished: boolean;
  /** Set while a failed batch waits for its retry: the epoch ms it is due. */
  retryAt: number | undefined;
  /** Set while records wait for their batching window: the epoch ms it closes. */
  windowEndsAt?: number | undefined;
}

const MAX_RECORDS_PER_GET = 1000;

/**
 * One consumer's position in one shard: reads pages, fills batches and hands them over strictly in
 * order, one at a time. A failed batch is read again from the last checkpoint, never skipped.
 */
export class ShardCursor {
  private iterator: string | undefined;
  /** The last record handed over in a batch that succeeded since the iterator came from the checkpoint. */
  private delivered: string | undefined;
  private buffer: DynamoDBStreamRecord[] = [];
  private bufferSince = 0;
  private closed = false;
  private retryAt = 0;
  private readonly retry: Backoff;
  private readonly feed: ShardFeed | undefined;

  constructor(
    readonly shardId: string,
    private readonly settings: CursorSettings,
  ) {
    this.retry = new Backoff(settings.retryDelayMs.min, settings.retryDelayMs.max);
    this.feed = settings.feeds?.shard(settings.streamArn, shardId, settings.region);
  }

  async poll(): Promise<PollResult> {
    const { batchSize, maximumBatchingWindowMs } = this.settings;
    if (Date.now() < this.retryAt) return this.result(0, false, false);
    this.retryAt = 0;
    let fetched = 0;
    let fullPage = false;
    try {
      do {
        const limit = Math.min(MAX_RECORDS_PER_GET, batchSize - this.buffer.length);
        const page = await this.fetch(limit);
        fetched += page.length;
        fullPage = page.length >= limit;
      } while (fullPage && !this.closed && this.buffer.length < batchSize);
    } catch (error) {
      if (this.settings.abortSignal?.aborted) return this.result(fetched, false, false);
      this.onReadError(error);
      return this.result(fetched, false, false);
    }

    if (this.settings.abortSignal?.aborted) return this.result(fetched, false, false);
    const windowOver = Date.now() - this.bufferSince >= maximumBatchingWindowMs;
    if (this.buffer.length > 0 && (this.buffer.length >= batchSize || this.closed || windowOver)) await this.deliver();
    if (this.closed && this.buffer.length === 0 && this.retryAt === 0) return this.finish(fetched);
    return this.result(fetched, fullPage, fetched === 0);
  }

  private async fetch(limit: number): Promise<DynamoDBStreamRecord[]> {
    const { client, abortSignal, streamArn, region } = this.settings;
    const shared = await this.fetchShared(limit);
    if (shared) return shared;
    this.iterator ??= await openIterator(this.settings, this.shardId, this.position(), this.settings.logger);
    if (this.iterator === undefined) {
      this.closed = true;
      return [];
    }
    const page = await client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }), { abortSignal });
    const records = (page.Records ?? []).map((record) => normaliseRecord(record, { streamArn, region }));
    this.take(records);
    this.iterator = page.NextShardIterator;
    if (this.iterator === undefined) this.closed = true;
    return records;
  }

  /** Reads from the stream's shared feed, unless this cursor is behind its window. */
  private async fetchShared(limit: number): Promise<DynamoDBStreamRecord[] | undefined> {
    if (!this.feed) return undefined;
    const page = await this.feed.read(this.position(), limit, { freshSince: this.settings.freshSince(), abortSignal: this.settings.abortSignal });
    if (!page) return undefined;
    // Caught up with the window: an own iterator is no longer needed.
    this.iterator = undefined;
    this.take(page.records);
    this.closed = page.closed;
    return page.records;
  }

  private take(records: DynamoDBStreamRecord[]): void {
    if (records.length > 0 && this.buffer.length === 0) this.bufferSince = Date.now();
    this.buffer.push(...records);
  }

  /** The last record read: records after it come next (`undefined`: the shard's oldest record). */
  private position(): string | undefined {
    const { checkpoints, consumerId } = this.settings;
    return this.buffer.at(-1)?.dynamodb.SequenceNumber ?? this.delivered ?? checkpoints.get(consumerId, this.shardId)?.sequenceNumber;
  }

  private async deliver(): Promise<void> {
    const { checkpoints, consumerId, onBatch, logger } = this.settings;
    const records = this.buffer;
    this.buffer = [];
    const last = records.at(-1)?.dynamodb.SequenceNumber;
    const endsShard = this.closed;
    const inBatch = new Set(records.map((record) => record.dynamodb.SequenceNumber));
    const shardId = this.shardId;
    const checkpoint = (sequenceNumber: string): void => {
      if (!inBatch.has(sequenceNumber)) {
        throw new StreamReaderError(`Sequence number ${sequenceNumber} is not in this batch of shard ${shardId}.`, { consumerId });
      }
      checkpoints.save(consumerId, shardId, sequenceNumber, { shardDone: endsShard && sequenceNumber === last });
    };
    try {
      await onBatch({ shardId, records, checkpoint });
      this.delivered = last;
      this.retry.reset();
    } catch (error) {
      logger.error('batch failed; it will be read again from the last checkpoint', {
        shardId,
        firstSequenceNumber: records[0]?.dynamodb.SequenceNumber,
        records: records.length,
        error,
      });
      this.rewind();
    }
  }

  /** A closed shard may be left only once the consumer checkpointed its last record. */
  private finish(fetched: number): PollResult {
    const { checkpoints, consumerId, logger } = this.settings;
    const saved = checkpoints.get(consumerId, this.shardId);
    if (!saved?.done && this.delivered !== undefined && saved?.sequenceNumber !== this.delivered) {
      logger.warn('closed shard is not checkpointed to its end; reading again from the last checkpoint', {
        shardId: this.shardId,
        checkpoint: saved?.sequenceNumber,
        lastDelivered: this.delivered,
      });
      this.rewind();
      return this.result(fetched, false, false);
    }
    if (!saved?.done) checkpoints.markShardDone(consumerId, this.shardId);
    return { ...this.result(fetched, false, false), finished: true };
  }

  private onReadError(error: unknown): void {
    this.iterator = undefined;
    this.buffer = [];
    this.closed = false;
    if (ITERATOR_LOST_ERRORS.has(errorName(error) ?? '')) {
      // Expired after 15 min idle or trimmed: a new iterator continues after the last record handed over.
      this.settings.logger.warn('shard iterator lost; acquiring a new one', { shardId: this.shardId, error });
      return;
    }
    this.settings.logger.error('reading the shard failed; retrying', { shardId: this.shardId, error });
    this.retryAt = Date.now() + this.retry.next();
  }

  private rewind(): void {
    this.iterator = undefined;
    this.delivered = undefined;
    this.buffer = [];
    this.closed = false;
    this.retryAt = Date.now() + this.retry.next();
  }

  private result(fetched: number, fullPage: boolean, nothingNew: boolean): PollResult {
    const retryAt = this.retryAt > 0 ? this.retryAt : undefined;
    const buffered = this.buffer.length > 0;
    const windowEndsAt = buffered ? this.bufferSince + this.settings.maximumBatchingWindowMs : undefined;
    return { fetched, fullPage, buffered, settled: nothingNew && !buffered && retryAt === undefined, finished: false, retryAt, windowEndsAt };
  }
}
