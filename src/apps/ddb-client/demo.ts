import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationExecutor } from './executor.ts';
import type { Metrics } from './metrics.ts';
import type { OperationName } from './operation.ts';
import { pick, type Random } from './random.ts';
import type { StopReason } from './report.ts';

export interface DemoOptions {
  readonly operations: readonly OperationName[];
  readonly intervalMs: number;
  /** Stop after this many successful operations; undefined runs until the signal. */
  readonly maxOperations?: number;
  readonly random: Random;
  readonly signal: AbortSignal;
}

/** The reference's loop: a uniformly random operation, then the interval, whether it succeeded or failed. */
export async function runDemo(executor: OperationExecutor, metrics: Metrics, options: DemoOptions): Promise<StopReason> {
  const { operations, intervalMs, maxOperations, random, signal } = options;
  for (;;) {
    if (signal.aborted) return 'signal';
    if (maxOperations !== undefined && metrics.succeeded >= maxOperations) return 'max-operations';
    await executor.execute(pick(random, operations));
    if (maxOperations !== undefined && metrics.succeeded >= maxOperations) return 'max-operations';
    // A stop signal cuts the pause short, never an operation.
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
}
