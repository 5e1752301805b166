import { expect } from 'vitest';
import { isAlive } from '../support/cloud-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { jvmsOn, type CrashLoop } from './crash-loop.ts';
import { ecommerceFacts } from './ecommerce-check.ts';

/**
 * Issue 15's invariants after a crash loop, on the cloud it left running, then a clean stop: every
 * order final, `remaining + sold = restocked` per SKU, no duplicate payment, allocation or event,
 * every queue (the DLQs first) empty, and no DynamoDB Local process left behind.
 */
export async function expectCrashSafe(loop: CrashLoop): Promise<void> {
  expect(loop.finalSeedExit, loop.finalSeedOutput).toBe(0);
  // The seed settles on the order list; the last workers (stock completion) may still be draining their queues.
  const facts = await waitFor(
    async () => {
      const current = await ecommerceFacts(loop.cloud.env);
      expect(current.queuedMessages).toBe(0);
      return current;
    },
    { timeoutMs: 60_000, intervalMs: 500, description: 'every queue drained' },
  );
  expect(facts.summary).toMatchObject({ settled: 75, expected: 75, missing: [], unsettled: [], invariantHolds: true, ok: true });
  expect(facts.payments).toBe(facts.allocatedOrders);
  expect(facts.allocations).toBe(facts.allocatedOrders);
  expect(facts.allocatedOrders).toBeGreaterThan(60);
  expect(facts.duplicatePayments).toEqual([]);
  expect(facts.duplicateAllocations).toEqual([]);
  expect(facts.unmatched).toEqual([]);
  expect(facts.badEventHistories).toEqual([]);
  expect(facts.lots).toBe(facts.expectedLots);
  expect(Object.values(facts.deadLetters).every((depth) => depth === 0), JSON.stringify(facts.deadLetters)).toBe(true);
  expect(Object.keys(facts.deadLetters).length).toBeGreaterThan(0);

  expect(await loop.stop()).toBe(0);
  expect(loop.jvmPids.filter(isAlive)).toEqual([]);
  expect(jvmsOn(loop.dataDir)).toEqual([]);
}

/** One line per loop for the test output (and RELIABILITY.md's figures). */
export function describeLoop(loop: CrashLoop): string {
  const kills = loop.kills.map((kill) => `${kill.style}@${(kill.atMs / 1000).toFixed(1)}s${kill.seedHadEnded ? '(after the seed)' : ''}`).join(', ');
  const starts = loop.startsMs.map((ms) => (ms / 1000).toFixed(1)).join('/');
  return `${loop.kills.length} kills [${kills}]; starts ${starts} s; final seed runs ${loop.finalSeedRuns}; total ${(loop.totalMs / 1000).toFixed(0)} s`;
}
