import { percentile as nearestRank } from '../src/platform/load/latency.ts';

/** Percentile (nearest rank) of an ascending-sorted list; NaN for no values, so an empty run prints as such. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : nearestRank(sorted, p);
}

/** `p50 … ms  p95 … ms  p99 … ms` of an ascending-sorted list of latencies. */
export function latencySummary(sorted: readonly number[]): string {
  return `p50 ${percentile(sorted, 50)} ms  p95 ${percentile(sorted, 95)} ms  p99 ${percentile(sorted, 99)} ms`;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
