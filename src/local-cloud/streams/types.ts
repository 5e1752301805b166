import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore } from './checkpoints.ts';
import type { StreamLogger } from './logger.ts';
import type { StreamFeeds } from './stream-feeds.ts';
import type { DynamoDBStreamRecord } from './records.ts';

/** Records of one shard, in stream order, handed to a consumer. */
export interface StreamBatch {
  shardId: string;
  records: DynamoDBStreamRecord[];
  /**
   * Saves the checkpoint at this record (one of `records`). Synchronous: call it inside your own
   * `db.transaction()` so your writes and the checkpoint commit together. Not calling it means the
   * batch is delivered again after a restart (at-least-once).
   */
  checkpoint(sequenceNumber: string): void;
}

export interface StreamReaderOptions {
  /** Names the consumer in the checkpoint store, e.g. `pipe:ecommerce-events` or `esm:fn-name`. */
  consumerId: string;
  streamArn: string;
  /** A client pointed at DynamoDB Local. */
  client: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  /** Where to begin in shards this consumer has never checkpointed; used once per consumer. */
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Most records per batch; default 100. Above 1,000 a batch gathers several GetRecords pages. */
  batchSize?: number;
  /** How long to wait for a batch to fill before handing it over; default 0 (hand over at once). */
  maximumBatchingWindowMs?: number;
  /**
   * Delay between polls: `min` while records flow and for 1 s after, then doubling up to `max` while
   * idle; default `{ min: 20, max: 500 }`, or `feeds.pollIntervalMs` with feeds (writes wake the reader).
   */
  pollIntervalMs?: { min: number; max: number };
  /** Delay before a failed batch or read is retried, doubling per failure; default `{ min: 100, max: 10_000 }`. */
  retryDelayMs?: { min: number; max: number };
  /** `awsRegion` of the records; default the local region (`AWS_REGION`, else `us-east-1`). */
  region?: string;
  /** Gets one batch at a time per shard; a rejection makes the reader read again from the last checkpoint. */
  onBatch: (batch: StreamBatch) => Promise<void>;
  /** Default: the platform JSON logger on stderr. */
  logger?: StreamLogger;
  /**
   * The local cloud's shared stream reads: records come from one read per shard for all its consumers,
   * and writes the cloud sees wake this reader. Default none: the reader reads on its own.
   */
  feeds?: StreamFeeds;
}
