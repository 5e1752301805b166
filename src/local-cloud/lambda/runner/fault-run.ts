import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultDraw } from './faults.ts';
import type { FunctionPool } from './function-pool.ts';
import type { InvokeResult } from './types.ts';

/**
 * Runs one invocation with its drawn faults: the added latency first, then an injected error
 * (the handler does not run) or the handler, then, for a duplicate, the handler again with the
 * same event; the caller answers with the first outcome.
 */
export async function runWithFaults(pool: FunctionPool, event: unknown, draw: FaultDraw): Promise<{ result: InvokeResult; duplicate?: InvokeResult }> {
  if (draw.latencyMs > 0) await sleep(draw.latencyMs);
  const first = draw.error ? pool.injectedError(describe(draw)) : await pool.run(event);
  const result = { ...first, durationMs: first.durationMs + draw.latencyMs };
  return draw.duplicate ? { result, duplicate: await pool.run(event) } : { result };
}

function describe(draw: FaultDraw): string {
  return `Fault injected by eventloom: error rate ${Math.round(draw.settings.errorRate * 100)}% (turn it off on the dashboard, or restart the cloud).`;
}
