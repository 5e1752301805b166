import type { DdbClientConfig } from './config.ts';
import type { LoadFigures } from './load.ts';
import type { Metrics, OperationStats } from './metrics.ts';
import { OPERATION_LABELS, type OperationName } from './operation.ts';

/** One finished operation as the reporters print it. */
export interface OperationRecord {
  readonly seq: number;
  readonly operation: OperationName;
  readonly ok: boolean;
  readonly latencyMs: number;
  /** Consumed capacity units; absent when the operation failed. */
  readonly capacity?: number;
  readonly message: string;
  readonly warning?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type StopReason = 'max-operations' | 'duration' | 'signal' | 'fatal';

export interface RunSummary {
  readonly mode: DdbClientConfig['mode'];
  readonly elapsedMs: number;
  readonly stoppedBy: StopReason;
  readonly operations: readonly OperationStats[];
  readonly total: OperationStats;
  readonly load?: LoadFigures;
}

/** Where the client's output goes: text for people, JSON lines for machines. */
export interface Reporter {
  banner(config: DdbClientConfig): void;
  operation(record: OperationRecord): void;
  periodic(metrics: Metrics): void;
  note(message: string): void;
  summary(summary: RunSummary): void;
}

export type Write = (line: string) => void;

export function createReporter(json: boolean, write: Write): Reporter {
  return json ? new JsonReporter(write) : new TextReporter(write);
}

class JsonReporter implements Reporter {
  constructor(private readonly write: Write) {}
  banner(config: DdbClientConfig): void {
    this.emit({ type: 'start', ...config });
  }
  operation(record: OperationRecord): void {
    this.emit({ type: 'operation', ...record, latencyMs: round(record.latencyMs) });
  }
  periodic(metrics: Metrics): void {
    this.emit({ type: 'report', total: metrics.total(), operations: metrics.operations() });
  }
  note(message: string): void {
    this.emit({ type: 'note', message });
  }
  summary(summary: RunSummary): void {
    this.emit({ type: 'summary', ...summary });
  }
  private emit(value: Record<string, unknown>): void {
    this.write(JSON.stringify({ time: new Date().toISOString(), ...value }));
  }
}

class TextReporter implements Reporter {
  constructor(private readonly write: Write) {}

  banner(config: DdbClientConfig): void {
    const where = config.endpoint ?? `AWS ${config.region}`;
    const mode =
      config.mode === 'demo'
        ? `demo, interval ${config.intervalMs} ms${config.maxOperations ? `, max operations ${config.maxOperations}` : ''}`
        : `load, ${config.rate} ops/s for ${config.durationSeconds} s, concurrency ${config.concurrency}`;
    this.write(`DynamoDB client — table ${config.tableName}, region ${config.region}, endpoint ${where}, ${mode}`);
  }

  operation(r: OperationRecord): void {
    const status = !r.ok ? 'FAILED' : r.warning ? 'warn' : 'ok';
    const capacity = r.capacity === undefined ? '' : `  capacity ${r.capacity.toFixed(1)}`;
    const text = r.ok ? (r.warning ? `${r.warning}: ${r.message}` : r.message) : `Error in operation cycle: ${r.message}`;
    this.write(`${`#${r.seq}`.padEnd(5)} ${OPERATION_LABELS[r.operation].padEnd(11)} ${status.padEnd(6)} ${r.latencyMs.toFixed(1).padStart(7)} ms${capacity}  ${text}`);
  }

  periodic(metrics: Metrics): void {
    const t = metrics.total();
    this.write(
      `— after ${t.count} operations: ${t.succeeded} ok, ${t.failed} failed, p50 ${ms(t.p50Ms)}, p95 ${ms(t.p95Ms)}, p99 ${ms(t.p99Ms)}, capacity ${t.capacity.toFixed(1)}`,
    );
  }

  note(message: string): void {
    this.write(message);
  }

  summary(s: RunSummary): void {
    this.write('');
    this.write(`Summary: ${s.mode} mode, ${(s.elapsedMs / 1000).toFixed(1)} s, stopped by ${s.stoppedBy}`);
    const header = ['operation', 'count', 'ok', 'failed', 'warn', 'p50 ms', 'p95 ms', 'p99 ms', 'capacity'];
    const rows = [...s.operations, s.total].map((o) => [
      o.operation === 'total' ? 'TOTAL' : OPERATION_LABELS[o.operation],
      String(o.count),
      String(o.succeeded),
      String(o.failed),
      String(o.warnings),
      num(o.p50Ms),
      num(o.p95Ms),
      num(o.p99Ms),
      o.capacity.toFixed(1),
    ]);
    for (const row of [header, ...rows]) this.write(row.map((cell, i) => (i === 0 ? cell.padEnd(12) : cell.padStart(9))).join(''));
    if (s.load) {
      const l = s.load;
      this.write(
        `Load: requested ${l.requestedRate}/s for ${l.durationSeconds} s (concurrency ${l.concurrency}): ${l.arrivals} arrivals, ${l.started} started, ${l.dropped} dropped, ${l.completed} completed; achieved ${l.achievedRate.toFixed(1)} ops/s started, ${l.throughput.toFixed(1)} ops/s completed`,
      );
    }
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
const num = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));
const ms = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
