import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { localRegion } from '../identity.ts';
import { ShardFeed } from './shard-feed.ts';

export interface StreamFeedsOptions {
  /** A client pointed at DynamoDB Local. */
  client: DynamoDBStreamsClient;
  /** Records each shard keeps for consumers behind the fastest; default 5,000. */
  capacity?: number;
  /** Consumers polling within this many ms of the last GetRecords share its answer; default 20. */
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

  constructor(private readonly options: StreamFeedsOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? { min: 20, max: 3_000 };
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
        minFetchGapMs: this.options.minFetchGapMs ?? 20,
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

  /** A write to `tableName` succeeded: its stream's readers poll at once. */
  wakeTable(tableName: string): void {
    for (const [streamArn, readers] of this.readers) {
      if (tableOfStream(streamArn) !== tableName) continue;
      for (const reader of readers) reader.notify();
    }
  }

  /** Wakes the readers of the tables a write touched; `all` for a write whose tables are not known (PartiQL). */
  wake(tables: readonly string[] | 'all'): void {
    if (tables === 'all') this.wakeAll();
    else for (const table of tables) this.wakeTable(table);
  }

  /** Wakes every reader (a write whose table is not known, e.g. a PartiQL statement). */
  wakeAll(): void {
    for (const readers of this.readers.values()) for (const reader of readers) reader.notify();
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
