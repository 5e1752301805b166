import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { errorName } from './errors.ts';
import { normaliseRecord, type DynamoDBStreamRecord } from './records.ts';
import { compareSequence, firstAfter } from './sequence.ts';

export interface ShardFeedSettings {
  client: DynamoDBStreamsClient;
  streamArn: string;
  shardId: string;
  region: string;
  /** Records kept for consumers behind the fastest one; older ones are dropped (those consumers read on their own). */
  capacity: number;
  /** Consumers asking within this many ms of the last empty or partial GetRecords share its answer. */
  minFetchGapMs: number;
  /** Counts the GetRecords calls made. */
  onGetRecords: () => void;
}

export interface FeedPage {
  /** At most `limit` records after the asked position, in stream order. */
  records: DynamoDBStreamRecord[];
  /** The shard is closed and `records` reach its end. */
  closed: boolean;
}

const MAX_RECORDS_PER_GET = 1000;
const sequenceOf = (record: DynamoDBStreamRecord) => record.dynamodb.SequenceNumber;

/**
 * One shard's records, read once for every consumer of the stream: a window of the latest records
 * (at most `capacity`), following the fastest consumer. A consumer asks for the records after its own
 * position; a position inside the window is answered from memory, a position at its end fetches the
 * next page (one GetRecords however many consumers wait for it), a position ahead of it moves the
 * window there, and a position behind it gets `undefined`: that consumer reads with its own iterator
 * until it reaches the window. Consumers keep their own checkpoints, batches and retries.
 */
export class ShardFeed {
  private anchored = false;
  /** The records follow this sequence number; `undefined`: they start at the shard's oldest record. */
  private from: string | undefined;
  private records: DynamoDBStreamRecord[] = [];
  private iterator: string | undefined;
  private closed = false;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private lastFetchFull = false;
  /** Operations run one at a time: a consumer arriving while GetRecords is in flight shares its answer. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: ShardFeedSettings) {}

  /**
   * The records after `after` (`undefined`: from the shard's oldest record), or `undefined` when the
   * window does not reach back there. `freshSince` (a `performance.now()`): fetch unless a GetRecords began at or after it.
   */
  read(after: string | undefined, limit: number, options: { freshSince?: number; abortSignal?: AbortSignal } = {}): Promise<FeedPage | undefined> {
    const next = this.queue.then(() => this.readNow(after, limit, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readNow(after: string | undefined, limit: number, options: { freshSince?: number; abortSignal?: AbortSignal }): Promise<FeedPage | undefined> {
    if (!this.anchored || this.isAhead(after)) this.anchor(after);
    if (!this.covers(after)) return undefined;
    let page = this.slice(after, limit);
    if (page.length === 0 && !this.closed && this.due(options.freshSince ?? 0)) {
      await this.fetch(options.abortSignal);
      if (!this.covers(after)) return undefined;
      page = this.slice(after, limit);
    }
    const end = page.at(-1) ? sequenceOf(page.at(-1)!) : after;
    return { records: page, closed: this.closed && end === this.tail() };
  }

  private due(freshSince: number): boolean {
    return this.lastFetchFull || this.lastFetchAt < freshSince || performance.now() - this.lastFetchAt >= this.settings.minFetchGapMs;
  }

  private tail(): string | undefined {
    const last = this.records.at(-1);
    return last ? sequenceOf(last) : this.from;
  }

  /** A consumer that read further on its own than this window: the window moves up to it. */
  private isAhead(after: string | undefined): boolean {
    if (after === undefined) return false;
    const tail = this.tail();
    return tail === undefined || compareSequence(after, tail) > 0;
  }

  private covers(after: string | undefined): boolean {
    if (!this.anchored) return false;
    if (this.from === undefined) return true;
    return after !== undefined && compareSequence(after, this.from) >= 0;
  }

  private anchor(after: string | undefined): void {
    this.anchored = true;
    this.from = after;
    this.records = [];
    this.iterator = undefined;
    this.closed = false;
    this.lastFetchAt = Number.NEGATIVE_INFINITY;
    this.lastFetchFull = false;
  }

  private slice(after: string | undefined, limit: number): DynamoDBStreamRecord[] {
    const start = after === undefined ? 0 : firstAfter(this.records, after, sequenceOf);
    return this.records.slice(start, start + limit);
  }

  private async fetch(abortSignal: AbortSignal | undefined): Promise<void> {
    const { client, streamArn, region } = this.settings;
    this.lastFetchAt = performance.now();
    this.lastFetchFull = false;
    try {
      this.iterator ??= await this.openIterator(abortSignal);
      if (!this.anchored) return;
      if (this.iterator === undefined) {
        this.closed = true;
        return;
      }
      this.settings.onGetRecords();
      const page = await client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: MAX_RECORDS_PER_GET }), { abortSignal });
      const records = (page.Records ?? []).map((record) => normaliseRecord(record, { streamArn, region }));
      this.records.push(...records);
      this.lastFetchFull = records.length >= MAX_RECORDS_PER_GET;
      this.iterator = page.NextShardIterator;
      if (this.iterator === undefined) this.closed = true;
      this.evict();
    } catch (error) {
      // The asking consumer handles the error (lost iterator, retry); the next fetch opens a new iterator.
      this.iterator = undefined;
      throw error;
    }
  }

  private async openIterator(abortSignal: AbortSignal | undefined): Promise<string | undefined> {
    const { client, streamArn, shardId } = this.settings;
    const after = this.tail();
    const command = new GetShardIteratorCommand({
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: after === undefined ? 'TRIM_HORIZON' : 'AFTER_SEQUENCE_NUMBER',
      SequenceNumber: after,
    });
    try {
      return (await client.send(command, { abortSignal })).ShardIterator;
    } catch (error) {
      // Records after the window were trimmed: each consumer finds its own way on (and logs it).
      if (errorName(error) !== 'TrimmedDataAccessException') throw error;
      this.anchored = false;
      return undefined;
    }
  }

  private evict(): void {
    const excess = this.records.length - this.settings.capacity;
    if (excess <= 0) return;
    this.from = sequenceOf(this.records[excess - 1]!);
    this.records = this.records.slice(excess);
  }
}
