import { setTimeout as delay } from 'node:timers/promises';
import type { BusyList, BusyReporter } from './busy.ts';
import { SettleTimeoutError } from './errors.ts';

export interface SettleOptions {
  /** How long to wait for quiet before rejecting with what is still busy. Default 30,000 ms. */
  timeoutMs?: number;
  /** The pause between two checks. Default 50 ms. */
  intervalMs?: number;
}

export const DEFAULT_SETTLE_TIMEOUT_MS = 30_000;
/**
 * A record moving between stages (a pipe's batch committed to a queue, a poller about to receive it)
 * can make one check look quiet; two quiet checks in a row, a pause apart, cannot both miss it.
 */
const QUIET_CHECKS = 2;

/** Everything the reporters say is busy, in their order. */
export async function busyNow(reporters: readonly BusyReporter[]): Promise<BusyList> {
  const lists = await Promise.all(reporters.map((reporter) => reporter.busy()));
  return lists.flat();
}

/**
 * Resolves once every reporter was quiet in two consecutive checks; rejects with a
 * `SettleTimeoutError` naming what the last check found busy when `timeoutMs` passes first
 * (a check under way at the deadline finishes, and a quiet one gets its second check).
 */
export async function waitUntilSettled(reporters: readonly BusyReporter[], options: SettleOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const busy = await busyNow(reporters);
    quiet = busy.length === 0 ? quiet + 1 : 0;
    if (quiet >= QUIET_CHECKS) return;
    // Quiet at the deadline: one more check, a pause later, decides.
    if (busy.length > 0 && Date.now() >= deadline) throw new SettleTimeoutError(timeoutMs, busy);
    await delay(intervalMs);
  }
}
