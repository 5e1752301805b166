/** Latency figures of one kind of request, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The nearest-rank percentile of ascending values: the smallest value with at least `p` % of the
 * values at or below it (0 for no values).
 *
 * @example percentile([10, 20, 30, 40], 50) // 20
 */
export function percentile(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) return 0;
  if (p <= 0) return ascending[0] ?? 0;
  const rank = Math.ceil((Math.min(p, 100) / 100) * ascending.length);
  return ascending[rank - 1] ?? 0;
}

/** Collects durations and summarizes them (all values are kept: a load run holds thousands, not billions). */
export class LatencyRecorder {
  readonly #values: number[] = [];

  record(ms: number): void {
    this.#values.push(ms);
  }

  get count(): number {
    return this.#values.length;
  }

  /** Adds every value of `others` (e.g. per-kind recorders into an overall one). */
  static merge(...recorders: LatencyRecorder[]): LatencyRecorder {
    const merged = new LatencyRecorder();
    for (const recorder of recorders) for (const value of recorder.#values) merged.record(value);
    return merged;
  }

  summary(): LatencySummary {
    const sorted = [...this.#values].sort((a, b) => a - b);
    const sum = sorted.reduce((total, value) => total + value, 0);
    return {
      count: sorted.length,
      min: sorted[0] ?? 0,
      mean: sorted.length === 0 ? 0 : sum / sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    };
  }
}
