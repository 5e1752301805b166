import { percentile } from '../../platform/load/latency.ts';
import { OPERATION_NAMES, type OperationName } from './operation.ts';

export interface OperationStats {
  readonly operation: OperationName | 'total';
  /** Attempts: succeeded + failed. */
  readonly count: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Successes with a warning (e.g. the conditional put found the id taken). */
  readonly warnings: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /** Consumed capacity units reported by DynamoDB. */
  readonly capacity: number;
}

export interface Sample {
  readonly ok: boolean;
  readonly warning?: boolean;
  readonly latencyMs: number;
  readonly capacity: number;
}

class Series {
  succeeded = 0;
  failed = 0;
  warnings = 0;
  capacity = 0;
  readonly latencies: number[] = [];

  add(sample: Sample): void {
    if (sample.ok) this.succeeded++;
    else this.failed++;
    if (sample.warning) this.warnings++;
    this.capacity += sample.capacity;
    this.latencies.push(sample.latencyMs);
  }

  stats(operation: OperationStats['operation']): OperationStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const stat = (p: number) => (sorted.length === 0 ? undefined : round(percentile(sorted, p)));
    const [p50Ms, p95Ms, p99Ms] = [stat(50), stat(95), stat(99)];
    return {
      operation,
      count: this.succeeded + this.failed,
      succeeded: this.succeeded,
      failed: this.failed,
      warnings: this.warnings,
      ...(p50Ms !== undefined && { p50Ms, p95Ms, p99Ms }),
      capacity: round(this.capacity),
    };
  }
}

/** Per-operation counts, failures, latency percentiles and consumed capacity, plus the totals. */
export class Metrics {
  private readonly series = new Map<OperationName, Series>();
  private readonly all = new Series();

  record(operation: OperationName, sample: Sample): void {
    let series = this.series.get(operation);
    if (!series) this.series.set(operation, (series = new Series()));
    series.add(sample);
    this.all.add(sample);
  }

  get count(): number {
    return this.all.succeeded + this.all.failed;
  }

  get succeeded(): number {
    return this.all.succeeded;
  }

  /** One row per operation that ran (in the fixed operation order). */
  operations(): OperationStats[] {
    return OPERATION_NAMES.filter((name) => this.series.has(name)).map((name) => this.series.get(name)!.stats(name));
  }

  total(): OperationStats {
    return this.all.stats('total');
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
