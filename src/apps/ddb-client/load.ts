import { runConstantRate } from './constant-rate.ts';
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

/** Random operations at a constant arrival rate for the duration, at most `concurrency` in flight. */
export async function runLoad(executor: OperationExecutor, options: LoadOptions): Promise<LoadFigures> {
  const { operations, rate, durationSeconds, concurrency, random, signal } = options;
  const result = await runConstantRate({ rate, durationMs: durationSeconds * 1000, concurrency, signal }, () => executor.execute(pick(random, operations)));
  return {
    requestedRate: rate,
    durationSeconds,
    concurrency,
    arrivals: result.arrivals,
    started: result.started,
    dropped: result.dropped,
    completed: result.completed,
    achievedRate: perSecond(result.started, Math.max(result.arrivalWindowMs, durationSeconds * 1000)),
    throughput: perSecond(result.completed, result.elapsedMs),
  };
}

const perSecond = (count: number, ms: number) => (ms > 0 ? Math.round((count / (ms / 1000)) * 10) / 10 : 0);
