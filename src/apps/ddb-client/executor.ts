import { fatalError, type ErrorContext } from './errors.ts';
import type { Metrics } from './metrics.ts';
import type { OperationContext, OperationName } from './operation.ts';
import { OPERATIONS } from './operations.ts';
import type { Reporter } from './report.ts';

/** Runs one operation at a time or many at once: times it, records metrics, reports it, and raises the fatal errors. */
export class OperationExecutor {
  private seq = 0;

  constructor(
    private readonly ctx: OperationContext,
    private readonly metrics: Metrics,
    private readonly reporter: Reporter,
    private readonly errorContext: ErrorContext,
    private readonly reportEvery: number,
  ) {}

  /** True when it succeeded; a failure is reported and counted, a fatal one (table missing, access denied…) thrown. */
  async execute(operation: OperationName): Promise<boolean> {
    const seq = ++this.seq;
    const started = performance.now();
    try {
      const outcome = await OPERATIONS[operation](this.ctx);
      const latencyMs = performance.now() - started;
      this.metrics.record(operation, { ok: true, warning: outcome.warning !== undefined, latencyMs, capacity: outcome.capacity });
      this.reporter.operation({ seq, operation, ok: true, latencyMs, ...outcome });
      return true;
    } catch (error) {
      const latencyMs = performance.now() - started;
      this.metrics.record(operation, { ok: false, latencyMs, capacity: 0 });
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.reporter.operation({ seq, operation, ok: false, latencyMs, message });
      const fatal = fatalError(error, this.errorContext);
      if (fatal) throw fatal;
      return false;
    } finally {
      if (this.metrics.count % this.reportEvery === 0) this.reporter.periodic(this.metrics);
    }
  }
}
