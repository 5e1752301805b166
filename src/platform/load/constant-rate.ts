import { setTimeout as sleep } from 'node:timers/promises';

export interface ConstantRateOptions {
  /** Iterations started per second. */
  ratePerSecond: number;
  /** Seconds during which iterations are started; the run then waits for those in flight. */
  durationSeconds: number;
  /** Iterations running at once at most; an arrival finding them all busy is dropped and counted. */
  maxInFlight: number;
  /** One iteration; a rejection counts as a failed iteration. */
  iteration: (index: number) => Promise<void>;
  /** Called every `progressIntervalMs` until the run ends. */
  onProgress?: (progress: RateProgress) => void;
  /** Default 1,000 ms. */
  progressIntervalMs?: number;
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number;
  /** Aborting it stops new arrivals (the wait for the next one is cut short); running iterations finish. */
  signal?: AbortSignal;
}

export interface RateProgress {
  readonly elapsedMs: number;
  /** Arrivals due so far by the schedule. */
  readonly due: number;
  readonly started: number;
  readonly completed: number;
  readonly failed: number;
  /** Arrivals not started because `maxInFlight` iterations were running. */
  readonly dropped: number;
  readonly inFlight: number;
}

export interface RateResult extends RateProgress {
  /** Arrivals the schedule held: round(rate × duration). */
  readonly scheduled: number;
  /** From the first arrival to the last iteration's end. */
  readonly totalMs: number;
  /** From the first arrival to the last one, measured: longer than scheduled when the event loop lagged. */
  readonly lastArrivalMs: number;
  /** Iterations started per second of the arrival window (what k6 calls the iteration rate). */
  readonly achievedRate: number;
}

/**
 * An open-model load generator (k6's constant-arrival-rate executor): iteration `i` starts at
 * `i / rate` seconds whether or not earlier ones finished, at most `maxInFlight` at once. A late
 * timer starts every overdue arrival at once, so the schedule, not the system under test, sets
 * the pace. Aborting `signal` ends the schedule early; the result then counts the arrivals so far.
 *
 * @example
 * const result = await runConstantRate({ ratePerSecond: 200, durationSeconds: 20, maxInFlight: 500, iteration: async () => { await fetch(url); } });
 */
export async function runConstantRate(options: ConstantRateOptions): Promise<RateResult> {
  const { ratePerSecond: rate, maxInFlight, iteration, signal } = options;
  if (!(rate > 0) || !(options.durationSeconds > 0) || !(maxInFlight >= 1)) throw new RangeError('ratePerSecond, durationSeconds and maxInFlight must be positive');
  const now = options.now ?? (() => performance.now());
  const scheduled = Math.max(1, Math.round(rate * options.durationSeconds));
  const running = new Set<Promise<void>>();
  let next = 0;
  let started = 0;
  let completed = 0;
  let failed = 0;
  let dropped = 0;
  let lastArrivalMs = 0;
  const start = now();
  const progress = (): RateProgress => ({ elapsedMs: now() - start, due: next, started, completed, failed, dropped, inFlight: running.size });
  const ticker = options.onProgress && setInterval(() => options.onProgress?.(progress()), options.progressIntervalMs ?? 1_000);

  try {
    while (next < scheduled && !signal?.aborted) {
      const elapsedMs = now() - start;
      const due = Math.min(scheduled, Math.floor((elapsedMs * rate) / 1_000) + 1);
      if (next < due) lastArrivalMs = elapsedMs;
      for (; next < due && !signal?.aborted; next++) {
        if (running.size >= maxInFlight) {
          dropped++;
          continue;
        }
        started++;
        const run: Promise<void> = iteration(next).then(
          () => void completed++,
          () => void failed++,
        );
        running.add(run);
        void run.finally(() => running.delete(run));
      }
      if (next < scheduled && !signal?.aborted) await sleep(Math.max(0, start + (next * 1_000) / rate - now()), undefined, { signal }).catch(ignoreAbort);
    }
    await Promise.all(running);
  } finally {
    if (ticker) clearInterval(ticker);
  }
  // The last tally, also for a run shorter than one interval.
  options.onProgress?.(progress());
  const arrivalWindowSeconds = Math.max((scheduled - 1) / rate, 1 / rate);
  return { ...progress(), scheduled, totalMs: now() - start, lastArrivalMs, achievedRate: started / Math.max(arrivalWindowSeconds, options.durationSeconds) };
}

function ignoreAbort(error: unknown): void {
  if (!(error instanceof Error && error.name === 'AbortError')) throw error;
}
