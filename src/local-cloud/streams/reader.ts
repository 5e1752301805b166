import { localRegion } from '../identity.ts';
import { Backoff, Waker } from './backoff.ts';
import { ShardCursor, type CursorSettings, type PollResult } from './cursor.ts';
import { errorName, StreamReaderError } from './errors.ts';
import { checkpointLatest } from './iterators.ts';
import { defaultStreamLogger } from './logger.ts';
import { describeShards, readyShards, type ShardInfo } from './shards.ts';
import type { StreamFeeds } from './stream-feeds.ts';
import type { StreamReaderOptions } from './types.ts';

/** Shards change only on a rollover (every 4 h locally), which a closing shard announces; this is a safety net. */
const DESCRIBE_EVERY_MS = 60_000;
/** Writes come in bursts: keep polling fast this long after the last record before backing off. */
const IDLE_HOLD_MS = 1_000;

type RoundOutcome = Omit<PollResult, 'finished'>;

interface Waiter {
  afterRound: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Reads one DynamoDB stream for one consumer: walks the shards parent before child, hands each
 * shard's records over in order, one batch at a time, and resumes from durable checkpoints
 * (at-least-once). Polls every `pollIntervalMs.min` while records flow (and for 1 s after), then
 * backs off exponentially to `pollIntervalMs.max` while idle; `notify()` polls at once. Given
 * `feeds`, the records come from the stream's shared reads (one GetRecords for every consumer at the
 * same position) and a write seen by the feeds wakes the reader.
 *
 * @example
 * const checkpoints = new CheckpointStore(db);
 * const reader = new StreamReader({
 *   consumerId: 'pipe:ecommerce-events',
 *   streamArn,
 *   client: new DynamoDBStreamsClient({ endpoint }),
 *   checkpoints,
 *   startingPosition: 'TRIM_HORIZON',
 *   onBatch: async (batch) => {
 *     db.transaction(() => {
 *       enqueueAll(batch.records);
 *       batch.checkpoint(batch.records.at(-1)!.dynamodb.SequenceNumber);
 *     })();
 *   },
 * });
 * reader.start();
 * // ...
 * await reader.stop();
 */
export class StreamReader {
  private readonly settings: CursorSettings;
  private readonly feeds: StreamFeeds | undefined;
  private readonly startingPosition: StreamReaderOptions['startingPosition'];
  private readonly pollMin: number;
  private readonly idle: Backoff;
  private readonly waker = new Waker();
  private readonly abort = new AbortController();
  private readonly cursors = new Map<string, ShardCursor>();
  private readonly waiters: Waiter[] = [];
  private shards: ShardInfo[] = [];
  private describedAt = 0;
  private startChecked = false;
  private round = 0;
  private lastRecordsAt = 0;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private lastStatus = 'ENABLED';
  private lastError: string | undefined;
  private freshSince = 0;
  private unsubscribe: () => void = () => undefined;
  private markPositioned: () => void = () => undefined;
  private readonly positioned = new Promise<void>((resolve) => (this.markPositioned = resolve));

  constructor(options: StreamReaderOptions) {
    const poll = options.pollIntervalMs ?? options.feeds?.pollIntervalMs ?? { min: 20, max: 500 };
    const batchSize = options.batchSize ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new StreamReaderError(`batchSize must be a positive integer, got ${batchSize}.`, { consumerId: options.consumerId });
    }
    if (!(poll.min > 0 && poll.max >= poll.min)) {
      throw new StreamReaderError(`pollIntervalMs needs 0 < min <= max, got ${JSON.stringify(poll)}.`, { consumerId: options.consumerId });
    }
    this.startingPosition = options.startingPosition;
    this.pollMin = poll.min;
    this.idle = new Backoff(poll.min, poll.max);
    this.settings = {
      client: options.client,
      streamArn: options.streamArn,
      abortSignal: this.abort.signal,
      consumerId: options.consumerId,
      region: options.region ?? localRegion(),
      checkpoints: options.checkpoints,
      batchSize,
      maximumBatchingWindowMs: options.maximumBatchingWindowMs ?? 0,
      retryDelayMs: options.retryDelayMs ?? { min: 100, max: 10_000 },
      onBatch: options.onBatch,
      logger: options.logger ?? defaultStreamLogger(options.consumerId),
      feeds: options.feeds,
      freshSince: () => this.freshSince,
    };
    this.feeds = options.feeds;
  }

  /** Polls made so far (one per shard walk): how often an idle reader still asks. */
  get polls(): number {
    return this.round;
  }

  /**
   * Starts reading. Resolves once the reader knows where it starts (a LATEST consumer has saved
   * the current end of the stream), so a write made after that is never skipped.
   */
  start(): Promise<void> {
    if (this.loop) throw new StreamReaderError('This StreamReader was already started; create a new one to read again.');
    this.unsubscribe = this.feeds?.subscribe(this.settings.streamArn, this) ?? (() => undefined);
    this.loop = this.run();
    return this.positioned;
  }

  /** Stops polling; resolves once a batch being handled has been handled. */
  async stop(): Promise<void> {
    if (!this.loop || this.stopping) return this.loop;
    this.stopping = true;
    this.unsubscribe();
    this.markPositioned();
    this.abort.abort();
    this.waker.wake();
    await this.loop;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new StreamReaderError('The StreamReader was stopped.'));
  }

  /**
   * Polls at once (e.g. after the local cloud saw a write) and resets the idle backoff. The poll reads
   * records written up to now: a shared GetRecords that began earlier does not answer it.
   */
  notify(): void {
    this.freshSince = performance.now();
    this.idle.reset();
    this.waker.wake();
  }

  /** Resolves once every record written before this call has been handed to `onBatch` and it resolved. */
  caughtUp(): Promise<void> {
    if (!this.loop || this.stopping) return Promise.reject(new StreamReaderError('The StreamReader is not running.'));
    // notify(): records written before now must be read by a GetRecords that starts after now, even a shared one.
    return new Promise((resolve, reject) => {
      this.waiters.push({ afterRound: this.round + 1, resolve, reject });
      this.notify();
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const round = ++this.round;
      const outcome = await this.pollRound().catch((error: unknown) => this.onRoundError(error));
      if (this.stopping) break;
      if (outcome.settled) this.settleWaiters(round);
      await this.waker.sleep(this.delayAfter(outcome));
    }
  }

  private async pollRound(): Promise<RoundOutcome> {
    const { checkpoints, consumerId } = this.settings;
    const outcome: RoundOutcome = { fetched: 0, fullPage: false, buffered: false, settled: true, retryAt: undefined, windowEndsAt: undefined };
    if (this.describedAt === 0 || Date.now() - this.describedAt >= DESCRIBE_EVERY_MS) await this.describe();
    if (!this.startChecked && this.shards.length > 0) {
      if (this.startingPosition === 'LATEST' && !checkpoints.hasAny(consumerId)) {
        await checkpointLatest(this.settings, this.shards, consumerId, checkpoints);
      }
      this.startChecked = true;
      this.markPositioned();
    }
    const ready = readyShards(this.shards, (shardId) => checkpoints.get(consumerId, shardId)?.done === true);
    for (const shardId of this.cursors.keys()) if (!ready.some((shard) => shard.shardId === shardId)) this.cursors.delete(shardId);
    if (ready.length === 0) this.describedAt = 0;
    for (const shard of ready) {
      if (this.stopping) break;
      let cursor = this.cursors.get(shard.shardId);
      if (!cursor) this.cursors.set(shard.shardId, (cursor = new ShardCursor(shard.shardId, this.settings)));
      const result = await cursor.poll();
      outcome.fetched += result.fetched;
      outcome.fullPage ||= result.fullPage;
      outcome.buffered ||= result.buffered;
      outcome.settled &&= result.settled && !result.finished;
      if (result.retryAt !== undefined) outcome.retryAt = Math.min(outcome.retryAt ?? Infinity, result.retryAt);
      if (result.windowEndsAt !== undefined) outcome.windowEndsAt = Math.min(outcome.windowEndsAt ?? Infinity, result.windowEndsAt);
      if (result.finished) {
        this.cursors.delete(shard.shardId);
        this.describedAt = 0;
      }
    }
    this.lastError = undefined;
    return outcome;
  }

  private async describe(): Promise<void> {
    const { status, shards } = await describeShards(this.settings.client, this.settings.streamArn, this.settings.abortSignal);
    this.shards = shards;
    this.describedAt = Date.now();
    if (status !== this.lastStatus && status !== 'ENABLED' && status !== 'ENABLING') {
      // A disabled stream stays readable until its shards are finished; re-enabling creates a new ARN.
      this.settings.logger.warn(`stream is ${status}: no new records will arrive; a re-enabled stream has a new ARN`, {
        streamArn: this.settings.streamArn,
      });
    }
    this.lastStatus = status;
  }

  private onRoundError(error: unknown): RoundOutcome {
    const idle: RoundOutcome = { fetched: 0, fullPage: false, buffered: false, settled: false, retryAt: undefined, windowEndsAt: undefined };
    if (this.stopping) return idle;
    this.describedAt = 0;
    const name = errorName(error);
    const message =
      name === 'ResourceNotFoundException'
        ? 'stream not found (table or stream deleted?); still polling'
        : `reading the stream failed (${name ?? 'error'}); retrying`;
    // Once per distinct problem, not on every idle poll.
    if (this.lastError !== message) this.settings.logger.error(message, { streamArn: this.settings.streamArn, error });
    this.lastError = message;
    return idle;
  }

  private delayAfter(outcome: RoundOutcome): number {
    const now = Date.now();
    // A batch waiting for its window keeps no poll hot by itself: the reader wakes when the window closes.
    if (outcome.fetched > 0) this.lastRecordsAt = now;
    if (outcome.fullPage) return 0;
    let delay: number;
    if (now - this.lastRecordsAt < IDLE_HOLD_MS) {
      this.idle.reset();
      delay = this.pollMin;
    } else {
      delay = this.idle.next();
    }
    const wakeAt = Math.min(outcome.retryAt ?? Infinity, outcome.windowEndsAt ?? Infinity);
    return wakeAt === Infinity ? delay : Math.min(delay, Math.max(0, wakeAt - now));
  }

  private settleWaiters(round: number): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && waiter.afterRound <= round) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
