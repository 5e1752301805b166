import type { Logger } from '../../platform/log.ts';
import type { NewLogEvent } from './models.ts';
import { Retention, type RetentionOptions } from './retention.ts';
import type { LogsStore } from './state.ts';

export interface LogWriterOptions extends RetentionOptions {
  /** How long an event waits in memory for others to share its write. Default 100 ms. */
  flushDelayMs?: number;
  /** A batch this large is written at once (bounding the pause one write causes, ~0.5 ms). Default 256 events. */
  maxBatch?: number;
  /** How often groups nobody writes to are checked for expired events. Default 1 hour. */
  sweepIntervalMs?: number;
  clock?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

interface GroupEntry {
  id: number;
  retentionDays: number | undefined;
}

/**
 * Writes log events in batches: a function's `console.log` only pushes onto an array, and one
 * transaction per `flushDelayMs` (or per `maxBatch` events) stores them, creating groups and streams
 * on first use as Lambda does. Readers call `flush()` first, so they see every event already
 * received. A crash loses at most the last `flushDelayMs` of log lines, never queued work.
 */
export class LogWriter {
  readonly retention: Retention;
  #pending: NewLogEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #sweeper: NodeJS.Timeout;
  readonly #groups = new Map<string, GroupEntry>();
  /** `<group id>/<stream name>` → stream id. */
  readonly #streams = new Map<string, number>();
  readonly #flushDelayMs: number;
  readonly #maxBatch: number;
  readonly #clock: () => number;
  readonly #logger: Pick<Logger, 'warn'> | undefined;

  constructor(
    private readonly store: LogsStore,
    options: LogWriterOptions = {},
  ) {
    this.retention = new Retention(store, options);
    this.#flushDelayMs = options.flushDelayMs ?? 100;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#clock = options.clock ?? Date.now;
    this.#logger = options.logger;
    this.sweep();
    this.#sweeper = setInterval(() => this.#quietly(() => this.sweep()), options.sweepIntervalMs ?? 3_600_000);
    this.#sweeper.unref();
  }

  /** Queues one event; cheap enough to call for every line a function prints. */
  append(group: string, stream: string, timestamp: number, message: string): void {
    this.#pending.push({ group, stream, timestamp, message });
    if (this.#pending.length >= this.#maxBatch) this.#quietly(() => this.flush());
    else this.#timer ??= setTimeout(() => this.#quietly(() => this.flush()), this.#flushDelayMs).unref();
  }

  /** Writes everything queued now; throws if the database refuses. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.store.inTransaction(() => this.#write(batch));
  }

  /** Applies the age bound to every group (the count bound only grows with writes). */
  sweep(): void {
    const now = this.#clock();
    this.store.inTransaction(() => {
      for (const group of this.store.groups()) this.retention.enforce(group.id, group.retentionDays, 0, now);
    });
    this.forgetIds();
  }

  /** Groups or streams were deleted or changed under the caches. */
  forgetIds(): void {
    this.#groups.clear();
    this.#streams.clear();
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#quietly(() => this.flush());
  }

  #write(batch: readonly NewLogEvent[]): void {
    const now = this.#clock();
    const streams = new Map<number, { group: GroupEntry; events: NewLogEvent[] }>();
    for (const event of batch) {
      // A group or stream made for its first event was created when that event happened, not at the write.
      const createdAt = Math.min(now, event.timestamp);
      const group = this.#group(event.group, createdAt);
      const streamId = this.#stream(group.id, event.stream, createdAt);
      let entry = streams.get(streamId);
      if (!entry) streams.set(streamId, (entry = { group, events: [] }));
      entry.events.push(event);
    }
    const added = new Map<GroupEntry, number>();
    for (const [streamId, { group, events }] of streams) {
      this.store.insertEvents(group.id, streamId, events, now);
      added.set(group, (added.get(group) ?? 0) + events.length);
    }
    let pruned = false;
    for (const [group, count] of added) pruned = this.retention.enforce(group.id, group.retentionDays, count, now) || pruned;
    if (pruned) this.#streams.clear();
  }

  #group(name: string, createdAt: number): GroupEntry {
    let entry = this.#groups.get(name);
    if (!entry) {
      const stored = this.store.group(name);
      entry = stored ? { id: stored.id, retentionDays: stored.retentionDays } : { id: this.store.insertGroup(name, createdAt), retentionDays: undefined };
      this.#groups.set(name, entry);
    }
    return entry;
  }

  #stream(groupId: number, name: string, createdAt: number): number {
    const key = `${groupId}/${name}`;
    let id = this.#streams.get(key);
    if (id === undefined) {
      id = this.store.stream(groupId, name)?.id ?? this.store.insertStream(groupId, name, createdAt);
      this.#streams.set(key, id);
    }
    return id;
  }

  /** Background writes must not take the cloud down (a closed database at shutdown, a full disk). */
  #quietly(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#logger?.warn('could not store log events', { error });
    }
  }
}
