import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { localRegion } from '../identity.ts';
import { ShardFeed } from './shard-feed.ts';
import { throttle, type Throttled } from './throttle.ts';

export interface StreamFeedsOptions {
  /** A client pointed at DynamoDB Local. */
  client: DynamoDBStreamsClient;
  /** Records each shard keeps for consumers behind the fastest; default 5,000. */
  capacity?: number;
  /**
   * Consumers polling within this many ms of the last GetRecords share its answer; default 20. Also the
   * shortest time between two wake-ups of a stream's readers: a later one is deferred, never dropped.
   */
  minFetchGapMs?: number;
  /**
   * The readers' delay between polls: `min` while records flow, doubling up to `max` while idle;
   * default `{ min: 20, max: 3_000 }`. Writes seen by `wakeTable` wake a reader at once; its idle
   * polls only catch writes made to DynamoDB Local directly.
   */
  pollIntervalMs?: { min: number; max: number };
}

/** A reader of one stream, as the feeds wake it. */
export interface WakeableReader {
  /** New records may be there: read at once, and not from an answer fetched before this call. */
  notify(): void;
}

/**
 * The shared reads of every DynamoDB stream in the local cloud: one `ShardFeed` per shard, whatever
 * the number of pipes and event source mappings reading it, and the readers to wake when a write to
 * a table is seen (the main port proxies DynamoDB).
 *
 * @example
 * const feeds = new StreamFeeds({ client: streamsClient });
 * const reader = new StreamReader({ ...options, feeds });
 * feeds.wakeTable('orders'); // after a successful PutItem on "orders"
 */
export class StreamFeeds {
  readonly pollIntervalMs: { min: number; max: number };
  private readonly feeds = new Map<string, ShardFeed>();
  private readonly readers = new Map<string, Set<WakeableReader>>();
  private readonly getRecordsCalls = new Map<string, number>();
  private readonly wakes = new Map<string, Throttled>();
  private readonly minFetchGapMs: number;

  constructor(private readonly options: StreamFeedsOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? { min: 20, max: 3_000 };
    this.minFetchGapMs = options.minFetchGapMs ?? 20;
  }

  get client(): DynamoDBStreamsClient {
    return this.options.client;
  }

  /** The shared feed of one shard (records of `region`, the consumers' `awsRegion`). */
  shard(streamArn: string, shardId: string, region = localRegion()): ShardFeed {
    const key = `${streamArn}\n${shardId}\n${region}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = new ShardFeed({
        client: this.options.client,
        streamArn,
        shardId,
        region,
        capacity: this.options.capacity ?? 5_000,
        minFetchGapMs: this.minFetchGapMs,
        onGetRecords: () => this.getRecordsCalls.set(streamArn, (this.getRecordsCalls.get(streamArn) ?? 0) + 1),
      });
      this.feeds.set(key, feed);
    }
    return feed;
  }

  /** Registers a reader to wake on writes to the stream's table; returns its unsubscribe. */
  subscribe(streamArn: string, reader: WakeableReader): () => void {
    let set = this.readers.get(streamArn);
    if (!set) this.readers.set(streamArn, (set = new Set()));
    set.add(reader);
    return () => set.delete(reader);
  }

  /**
   * A write to `tableName` succeeded: its stream's readers poll at once, or at the end of the
   * `minFetchGapMs` that follows their last wake-up (every wake-up forces a GetRecords).
   */
  wakeTable(tableName: string): void {
    for (const streamArn of this.readers.keys()) if (tableOfStream(streamArn) === tableName) this.wakeStream(streamArn);
  }

  /** Wakes the readers of the tables a write touched; `all` for a write whose tables are not known (PartiQL). */
  wake(tables: readonly string[] | 'all'): void {
    if (tables === 'all') this.wakeAll();
    else for (const table of tables) this.wakeTable(table);
  }

  /** Wakes every reader (a write whose table is not known, e.g. a PartiQL statement, or a function's writes). */
  wakeAll(): void {
    for (const streamArn of this.readers.keys()) this.wakeStream(streamArn);
  }

  /** Drops the wake-ups still deferred. */
  close(): void {
    for (const wake of this.wakes.values()) wake.cancel();
    this.wakes.clear();
  }

  private wakeStream(streamArn: string): void {
    let wake = this.wakes.get(streamArn);
    if (!wake) {
      wake = throttle(this.minFetchGapMs, () => {
        for (const reader of this.readers.get(streamArn) ?? []) reader.notify();
      });
      this.wakes.set(streamArn, wake);
    }
    wake();
  }

  /** GetRecords calls the shared feeds made on a stream (readers falling behind the window read on their own too). */
  getRecordsCount(streamArn: string): number {
    return this.getRecordsCalls.get(streamArn) ?? 0;
  }
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
export function tableOfStream(streamArn: string): string | undefined {
  return /:table\/([^/]+)\/stream\//.exec(streamArn)?.[1];
}
