import { runConstantRate } from '../../platform/load/constant-rate.ts';
import type { OperationExecutor } from './executor.ts';
import type { OperationName } from './operation.ts';
import { pick, type Random } from './random.ts';

export interface LoadOptions {
  readonly operations: readonly OperationName[];
  readonly rate: number;
  readonly durationSeconds: number;
  readonly concurrency: number;
  readonly random: Random;
  readonly signal: AbortSignal;
}

/** What a load run offered and achieved. */
export interface LoadFigures {
  readonly requestedRate: number;
  readonly durationSeconds: number;
  readonly concurrency: number;
  readonly arrivals: number;
  readonly started: number;
  readonly dropped: number;
  readonly completed: number;
  /** Operations started per second of the arrival window (at least the duration): what the schedule achieved. */
  readonly achievedRate: number;
  /** Operations completed per second from the first arrival until the last operation finished. */
  readonly throughput: number;
}

/**
 * Random operations at a constant arrival rate for the duration, at most `concurrency` in flight.
 * A fatal error (the executor rejects only for those) stops new arrivals and is rethrown once the
 * running operations finished.
 */
export async function runLoad(executor: Pick<OperationExecutor, 'execute'>, options: LoadOptions): Promise<LoadFigures> {
  const { operations, rate, durationSeconds, concurrency, random, signal } = options;
  const stopOnFatal = new AbortController();
  let fatal: { error: unknown } | undefined;
  const result = await runConstantRate({
    ratePerSecond: rate,
    durationSeconds,
    maxInFlight: concurrency,
    signal: AbortSignal.any([signal, stopOnFatal.signal]),
    iteration: async () => {
      try {
        await executor.execute(pick(random, operations));
      } catch (error) {
        fatal ??= { error };
        stopOnFatal.abort();
        throw error;
      }
    },
  });
  if (fatal) throw fatal.error;
  return {
    requestedRate: rate,
    durationSeconds,
    concurrency,
    arrivals: result.due,
    started: result.started,
    dropped: result.dropped,
    completed: result.completed,
    achievedRate: perSecond(result.started, Math.max(result.lastArrivalMs, durationSeconds * 1000)),
    throughput: perSecond(result.completed, result.totalMs),
  };
}

const perSecond = (count: number, ms: number) => (ms > 0 ? Math.round((count / (ms / 1000)) * 10) / 10 : 0);
