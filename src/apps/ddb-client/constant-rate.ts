import { setTimeout as sleep } from 'node:timers/promises';

export interface ConstantRateOptions {
  /** Arrivals per second. */
  readonly rate: number;
  readonly durationMs: number;
  /** Arrivals started while this many are still running are dropped (open model: the schedule never waits). */
  readonly concurrency: number;
  /** Stops new arrivals; running ones finish. */
  readonly signal?: AbortSignal;
  /** Called for every arrival (1-based), with whether it was dropped. */
  readonly onArrival?: (arrival: number, dropped: boolean) => void;
}

export interface ConstantRateResult {
  readonly arrivals: number;
  readonly started: number;
  readonly dropped: number;
  readonly completed: number;
  /** From the first arrival until the last started task finished. */
  readonly elapsedMs: number;
  /** From the first arrival to the last (the schedule's window, longer than planned when the event loop lagged). */
  readonly arrivalWindowMs: number;
}

/**
 * Open-model load: arrival i is due at start + i/rate whatever the earlier ones are doing, so slow
 * responses do not slow the offered load (no coordinated omission); beyond `concurrency` in flight
 * an arrival is dropped and counted. Resolves once the schedule ended and running tasks settled;
 * a task's rejection stops new arrivals and is rethrown.
 */
export async function runConstantRate(options: ConstantRateOptions, task: () => Promise<unknown>): Promise<ConstantRateResult> {
  const { rate, durationMs, concurrency, signal } = options;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let arrivals = 0;
  let dropped = 0;
  let completed = 0;
  let lastArrivalMs = 0;
  let failure: { error: unknown } | undefined;
  for (;;) {
    const due = (arrivals * 1000) / rate;
    if (due >= durationMs || signal?.aborted || failure) break;
    const wait = due - (performance.now() - start);
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted || failure) break;
    arrivals++;
    lastArrivalMs = performance.now() - start;
    if (inFlight.size >= concurrency) {
      dropped++;
      options.onArrival?.(arrivals, true);
      continue;
    }
    options.onArrival?.(arrivals, false);
    const running: Promise<void> = task()
      .then(
        () => void completed++,
        (error: unknown) => void (failure ??= { error }),
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return { arrivals, started: arrivals - dropped, dropped, completed, elapsedMs: performance.now() - start, arrivalWindowMs: lastArrivalMs };
}
