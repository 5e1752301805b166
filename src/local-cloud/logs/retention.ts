import type { LogsStore } from './state.ts';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  /** Events kept per log group; when a write passes it, the oldest tenth is dropped. Default 10,000. */
  maxEventsPerGroup?: number;
  /** Events older than this are dropped (a group's own PutRetentionPolicy may be shorter). Default 7 days. */
  maxAgeMs?: number;
}

export const DEFAULT_MAX_EVENTS_PER_GROUP = 10_000;
export const DEFAULT_MAX_AGE_MS = 7 * DAY_MS;

/**
 * The bound on what the local cloud keeps, so a long `npm start` does not grow the state database
 * without end: at most `maxEventsPerGroup` events per group (pruned down to nine tenths of it, so
 * pruning is rare, not once per write) and nothing older than `maxAgeMs` or the group's retention.
 */
export class Retention {
  readonly maxEvents: number;
  readonly maxAgeMs: number;
  /** Events per group, counted once then kept up to date, so a write does not count the group. */
  readonly #counts = new Map<number, number>();

  constructor(
    private readonly store: LogsStore,
    options: RetentionOptions = {},
  ) {
    this.maxEvents = Math.max(1, options.maxEventsPerGroup ?? DEFAULT_MAX_EVENTS_PER_GROUP);
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /** How old an event of the group may be before it goes. */
  maxAgeOf(retentionDays: number | undefined): number {
    return retentionDays === undefined ? this.maxAgeMs : Math.min(this.maxAgeMs, retentionDays * DAY_MS);
  }

  /** Applies the bounds to a group whose `added` new events are already stored; returns whether anything was dropped. */
  enforce(groupId: number, retentionDays: number | undefined, added: number, now: number): boolean {
    const maxAge = this.maxAgeOf(retentionDays);
    const known = this.#counts.get(groupId);
    let count = known === undefined ? this.store.countEvents(groupId) : known + added;
    let dropped = this.store.deleteEventsBefore(groupId, now - maxAge);
    count -= dropped;
    if (count > this.maxEvents) {
      const keep = Math.max(1, this.maxEvents - Math.floor(this.maxEvents / 10));
      const pruned = this.store.keepNewest(groupId, keep);
      dropped += pruned;
      count -= pruned;
    }
    this.#counts.set(groupId, count);
    if (dropped > 0) this.store.deleteEmptyStreams(groupId);
    return dropped > 0;
  }

  /** A group or stream was deleted: its count is no longer known. */
  forget(groupId: number): void {
    this.#counts.delete(groupId);
  }
}
