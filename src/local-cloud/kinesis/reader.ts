import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { setTimeout as delay } from 'node:timers/promises';
import { Backoff, Waker } from '../streams/backoff.ts';
import type { CheckpointStore } from '../streams/index.ts';
import type { StreamLogger } from '../streams/logger.ts';
import { readyShards, type ShardInfo } from '../streams/shards.ts';

/** Records of one shard, in order; `checkpoint` saves the consumer's position at one of them. */
export interface KinesisBatch {
  shardId: string;
  records: _Record[];
  checkpoint(sequenceNumber: string): void;
}

export interface KinesisReaderOptions {
  /** Names the consumer in the checkpoint store, e.g. `esm:<function>:<streamArn>`. */
  consumerId: string;
  streamName: string;
  /** An HTTP/1.1 client pointed at kinesalite. */
  client: KinesisClient;
  checkpoints: CheckpointStore;
  /** Where to begin in shards this consumer has never checkpointed; used once per consumer. */
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  maximumBatchingWindowMs: number;
  /** One batch at a time per shard; a rejection reads the shard again from the last checkpoint. */
  onBatch(batch: KinesisBatch): Promise<void>;
  logger: StreamLogger;
  /** Shard poll delay: `min` while records flow, doubling to `max` while idle. Default `{ min: 20, max: 250 }`. */
  pollIntervalMs?: { min: number; max: number };
}

/** GetRecords returns at most 10,000 records. */
const MAX_RECORDS_PER_GET = 10_000;
/** New shards appear only on a split or merge, which a closing parent announces; this is a safety net. */
const LIST_SHARDS_EVERY_MS = 5_000;

/**
 * Reads one Kinesis stream for one consumer: a poller per shard, children only after their parents
 * are finished (split and merge keep per-partition-key order), one batch at a time per shard, and
 * durable checkpoints (at-least-once).
 */
export class KinesisStreamReader {
  private readonly abort = new AbortController();
  private readonly waker = new Waker();
  private readonly shardLoops = new Map<string, Promise<void>>();
  private supervisor: Promise<void> | undefined;

  constructor(private readonly options: KinesisReaderOptions) {}

  /**
   * Starts reading; resolves once a LATEST consumer has saved where it starts. A failure to list or
   * position is logged and retried until it succeeds or the reader stops, so `start` never rejects:
   * a caller that stopped waiting (the cloud waits 15 s) still gets a live reader.
   */
  async start(): Promise<void> {
    const retry = new Backoff(100, 10_000);
    while (!this.stopped) {
      try {
        const shards = await this.listShards();
        const { checkpoints, consumerId } = this.options;
        if (this.options.startingPosition === 'LATEST' && !checkpoints.hasAny(consumerId)) await this.positionAtLatest(shards);
        if (this.stopped) return;
        this.startReadyShards(shards);
        this.supervisor = this.supervise();
        return;
      } catch (error) {
        if (this.stopped) return;
        this.options.logger.error('starting to read the stream failed; retrying', { stream: this.options.streamName, error });
        await this.pause(retry.next());
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.waker.wake();
    await this.supervisor;
    await Promise.all(this.shardLoops.values());
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async supervise(): Promise<void> {
    while (!this.stopped) {
      await this.waker.sleep(LIST_SHARDS_EVERY_MS);
      if (this.stopped) return;
      try {
        this.startReadyShards(await this.listShards());
      } catch (error) {
        if (!this.stopped) this.options.logger.error('listing the shards failed; retrying', { stream: this.options.streamName, error });
      }
    }
  }

  private startReadyShards(shards: readonly ShardInfo[]): void {
    const done = (shardId: string) => this.options.checkpoints.get(this.options.consumerId, shardId)?.done === true;
    for (const shard of readyShards(shards, done)) {
      if (this.shardLoops.has(shard.shardId)) continue;
      const loop = this.readShard(shard.shardId).finally(() => {
        this.shardLoops.delete(shard.shardId);
        // A finished parent frees its children.
        this.waker.wake();
      });
      this.shardLoops.set(shard.shardId, loop);
    }
  }

  private async listShards(): Promise<ShardInfo[]> {
    const shards: ShardInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.options.client.send(
        new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: this.options.streamName }),
        { abortSignal: this.abort.signal },
      );
      for (const shard of page.Shards ?? []) {
        shards.push({
          shardId: shard.ShardId!,
          parents: [shard.ParentShardId, shard.AdjacentParentShardId].filter((id): id is string => id !== undefined),
          closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return shards;
  }

  /** A durable LATEST: open shards are checkpointed at their last record (or their start), closed ones finished. */
  private async positionAtLatest(shards: readonly ShardInfo[]): Promise<void> {
    const { checkpoints, consumerId } = this.options;
    const ends = new Map<string, string | undefined>();
    for (const shard of shards) if (!shard.closed) ends.set(shard.shardId, await this.lastSequenceNumber(shard.shardId));
    checkpoints.db.transaction(() => {
      for (const shard of shards) {
        const last = ends.get(shard.shardId);
        if (shard.closed) checkpoints.markShardDone(consumerId, shard.shardId);
        else if (last === undefined) checkpoints.saveShardStart(consumerId, shard.shardId);
        else checkpoints.save(consumerId, shard.shardId, last);
      }
    })();
  }

  private async lastSequenceNumber(shardId: string): Promise<string | undefined> {
    let iterator = await this.openIterator(shardId, undefined);
    let last: string | undefined;
    while (iterator) {
      const page = await this.getRecords(iterator, MAX_RECORDS_PER_GET);
      const records = page.Records ?? [];
      if (records.length === 0) return last;
      last = records.at(-1)!.SequenceNumber;
      iterator = page.NextShardIterator;
    }
    return last;
  }

  private async readShard(shardId: string): Promise<void> {
    const { batchSize, maximumBatchingWindowMs, logger, checkpoints, consumerId } = this.options;
    const poll = this.options.pollIntervalMs ?? { min: 20, max: 250 };
    const idle = new Backoff(poll.min, poll.max);
    const retry = new Backoff(100, 10_000);
    let iterator: string | undefined;
    let buffer: _Record[] = [];
    let bufferSince = 0;
    while (!this.stopped) {
      try {
        iterator ??= await this.openIterator(shardId, checkpoints.get(consumerId, shardId)?.sequenceNumber);
        const limit = Math.min(MAX_RECORDS_PER_GET, batchSize - buffer.length);
        const page = await this.getRecords(iterator!, limit);
        const records = page.Records ?? [];
        if (records.length > 0 && buffer.length === 0) bufferSince = Date.now();
        buffer.push(...records);
        iterator = page.NextShardIterator;
        const closed = iterator === undefined;
        const windowLeft = bufferSince + maximumBatchingWindowMs - Date.now();
        if (buffer.length > 0 && (buffer.length >= batchSize || closed || windowLeft <= 0)) {
          const batch = buffer;
          buffer = [];
          if (!(await this.deliver(shardId, batch))) {
            iterator = undefined;
            await this.pause(retry.next());
            continue;
          }
          retry.reset();
        }
        if (this.stopped) return;
        if (closed) {
          checkpoints.markShardDone(consumerId, shardId);
          return;
        }
        if (records.length > 0) idle.reset();
        if (records.length < limit) {
          const wait = idle.next();
          await this.pause(buffer.length > 0 ? Math.min(wait, Math.max(0, windowLeft)) : wait);
        }
      } catch (error) {
        if (this.stopped) return;
        iterator = undefined;
        buffer = [];
        if (error instanceof Error && error.name === 'ExpiredIteratorException') continue;
        logger.error('reading the shard failed; retrying from the last checkpoint', { shardId, error });
        await this.pause(retry.next());
      }
    }
  }

  private async deliver(shardId: string, records: _Record[]): Promise<boolean> {
    const { checkpoints, consumerId } = this.options;
    const inBatch = new Set(records.map((record) => record.SequenceNumber));
    const checkpoint = (sequenceNumber: string) => {
      if (!inBatch.has(sequenceNumber)) throw new Error(`Sequence number ${sequenceNumber} is not in this batch of ${shardId}.`);
      checkpoints.save(consumerId, shardId, sequenceNumber);
    };
    try {
      await this.options.onBatch({ shardId, records, checkpoint });
      return true;
    } catch (error) {
      this.options.logger.error('batch failed; it will be read again from the last checkpoint', { shardId, records: records.length, error });
      return false;
    }
  }

  private async openIterator(shardId: string, afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const command = new GetShardIteratorCommand({
      StreamName: this.options.streamName,
      ShardId: shardId,
      ...(afterSequenceNumber === undefined
        ? { ShardIteratorType: 'TRIM_HORIZON' }
        : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: afterSequenceNumber }),
    });
    return (await this.options.client.send(command, { abortSignal: this.abort.signal })).ShardIterator;
  }

  private getRecords(iterator: string, limit: number) {
    return this.options.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), { abortSignal: this.abort.signal });
  }

  private pause(ms: number): Promise<void> {
    return delay(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}
