import type { ReceivedMessage } from './models.ts';

export interface LongPollOptions {
  /** ms clock shared with the service. */
  now: () => number;
  /** The first instant after `after` at which a hidden (delayed or in-flight) message of a queue becomes visible, if any. */
  nextVisibleAt: (queueId: number, after: number) => number | undefined;
}

interface Waiter {
  /** Tries to receive; returns [] when nothing is visible yet. */
  readonly attempt: () => ReceivedMessage[];
  readonly settle: (outcome: ReceivedMessage[] | Error) => void;
}

/**
 * Long polling without busy loops: receivers park here; a send wakes its queue's receivers, and
 * one timer per queue fires when its next delayed or in-flight message becomes visible.
 */
export class LongPollWaiters {
  private readonly options: LongPollOptions;
  private readonly waiting = new Map<number, Set<Waiter>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly scheduled = new Set<number>();
  private closed = false;

  constructor(options: LongPollOptions) {
    this.options = options;
  }

  /**
   * Parks a receiver for up to `waitMs`; resolves with what `attempt` finds, or [] at the deadline or on abort.
   * `attemptedAt`: when the caller's own attempt found nothing (default: now).
   */
  wait(queueId: number, waitMs: number, attempt: () => ReceivedMessage[], signal?: AbortSignal, attemptedAt = this.options.now()): Promise<ReceivedMessage[]> {
    if (this.closed || signal?.aborted) return Promise.resolve([]);
    return new Promise<ReceivedMessage[]>((resolve, reject) => {
      let done = false;
      const onAbort = () => waiter.settle([]);
      const deadline = setTimeout(() => waiter.settle(tryAttempt(attempt)), waitMs);
      const waiter: Waiter = {
        attempt,
        settle: (outcome) => {
          if (done) return;
          done = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          this.remove(queueId, waiter);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      let set = this.waiting.get(queueId);
      if (!set) this.waiting.set(queueId, (set = new Set()));
      set.add(waiter);
      this.arm(queueId, attemptedAt);
    });
  }

  /**
   * Something may have become receivable on the queue. Deferred to a microtask so a send made
   * inside a caller's transaction is only seen once that transaction has committed.
   */
  notify(queueId: number): void {
    if (!this.waiting.has(queueId) || this.scheduled.has(queueId)) return;
    this.scheduled.add(queueId);
    queueMicrotask(() => {
      this.scheduled.delete(queueId);
      this.drain(queueId);
    });
  }

  /** Resolves every receiver parked on a queue with [] (the queue was deleted). */
  release(queueId: number): void {
    for (const waiter of [...(this.waiting.get(queueId) ?? [])]) waiter.settle([]);
  }

  /** Resolves all parked receivers with [] and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const queueId of [...this.waiting.keys()]) this.release(queueId);
  }

  private drain(queueId: number): void {
    const attemptedAt = this.options.now();
    for (const waiter of [...(this.waiting.get(queueId) ?? [])]) {
      const outcome = tryAttempt(waiter.attempt);
      // an empty attempt means the queue has nothing more for anyone right now
      if (Array.isArray(outcome) && outcome.length === 0) break;
      waiter.settle(outcome);
    }
    this.arm(queueId, attemptedAt);
  }

  /**
   * Wakes the queue's receivers when its next hidden message becomes visible. Counted from the last
   * empty attempt, not from now: a message that became visible in between is due at once, not missed.
   */
  private arm(queueId: number, attemptedAt: number): void {
    const existing = this.timers.get(queueId);
    if (existing) clearTimeout(existing);
    this.timers.delete(queueId);
    if (!this.waiting.has(queueId)) return;
    const next = this.options.nextVisibleAt(queueId, attemptedAt);
    if (next === undefined) return;
    const delay = Math.max(1, next - this.options.now());
    this.timers.set(
      queueId,
      setTimeout(() => {
        this.timers.delete(queueId);
        this.drain(queueId);
      }, delay),
    );
  }

  private remove(queueId: number, waiter: Waiter): void {
    const set = this.waiting.get(queueId);
    if (!set) return;
    set.delete(waiter);
    if (set.size > 0) return;
    this.waiting.delete(queueId);
    const timer = this.timers.get(queueId);
    if (timer) clearTimeout(timer);
    this.timers.delete(queueId);
  }
}

function tryAttempt(attempt: () => ReceivedMessage[]): ReceivedMessage[] | Error {
  try {
    return attempt();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
