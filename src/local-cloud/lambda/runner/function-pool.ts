import { randomUUID } from 'node:crypto';
import { invalidRequestContent } from './errors.ts';
import { endLine, logGroupName, logStreamName, reportLine, startLine, type Report } from './log-lines.ts';
import { builtOnce, type SandboxCode } from './sandbox-code.ts';
import { SandboxLog } from './sandbox-log.ts';
import { Slots } from './slots.ts';
import type { FunctionConfig, FunctionErrorPayload, FunctionStats, InvokeResult, LogSink, OutputSink, RunnerLogger } from './types.ts';
import { WorkerHandle, type RunOutcome } from './worker-handle.ts';

export interface PoolContext {
  functionArn: string;
  /** The worker's complete `process.env`. */
  env: Record<string, string>;
  output: OutputSink;
  logSink: LogSink | undefined;
  logger: RunnerLogger;
  /** Shared by every function: how many sandboxes may load their code at once. */
  coldStarts: Slots;
  /** Compiles the runtime loop and the handler for the sandboxes. */
  code: SandboxCode;
}

/** The execution environments of one function: its concurrency slots, warm workers and counters. */
export class FunctionPool {
  readonly slots: Slots;
  readonly #idle: WorkerHandle[] = [];
  readonly #all = new Set<WorkerHandle>();
  #invocations = 0;
  #errors = 0;
  #timeouts = 0;
  throttles = 0;
  #retired = false;
  /** The handler's bundle, built at the first cold start; a failed build is tried again at the next. */
  readonly #bundle = builtOnce(() => this.context.code.handler(this.config.modulePath));

  constructor(
    readonly config: FunctionConfig,
    readonly limit: number,
    private readonly context: PoolContext,
  ) {
    this.slots = new Slots(limit);
  }

  /** Runs one invocation; the caller holds a slot. */
  async run(event: unknown): Promise<InvokeResult> {
    const startedAt = performance.now();
    let eventJson: string;
    try {
      eventJson = JSON.stringify(event) ?? 'null';
    } catch (error) {
      throw invalidRequestContent(`Could not serialize the event as JSON: ${(error as Error).message}`, error);
    }
    this.#invocations++;
    const requestId = randomUUID();
    let worker = this.#takeIdle();
    const coldStart = worker === undefined;
    let spawned = false;
    if (!worker) {
      // A burst of cold starts on a small machine would each blow the init timeout: load a few at a
      // time, and take a sandbox that became free while waiting instead of starting another.
      await this.context.coldStarts.acquire();
      worker = this.#takeIdle();
      if (worker) {
        this.context.coldStarts.release();
      } else {
        try {
          worker = await this.#spawn();
        } catch (error) {
          this.context.coldStarts.release();
          throw error;
        }
        spawned = true;
        const initError = await worker.ready;
        this.context.coldStarts.release();
        if (initError) {
          const timedOut = initError.errorType === 'Sandbox.Timedout';
          worker.log.platform(startLine(requestId));
          this.#report(worker, requestId, 0, true, timedOut ? { status: 'timeout' } : { status: 'error', errorType: initError.errorType });
          return this.#failed(requestId, initError, timedOut, startedAt);
        }
      }
    }
    worker.log.platform(startLine(requestId));
    const invokedAt = performance.now();
    const outcome = await worker.run(requestId, eventJson, this.config.timeoutSeconds);
    this.#report(worker, requestId, performance.now() - invokedAt, spawned, endStatus(outcome, worker.alive));
    if (worker.alive) {
      worker.lastUsedMs = Date.now();
      if (this.#retired) void worker.terminate();
      else this.#idle.push(worker);
    }
    if (!outcome.ok) return this.#failed(requestId, outcome.error, outcome.timedOut, startedAt);
    return { ok: true, payload: JSON.parse(outcome.payloadJson), durationMs: performance.now() - startedAt, coldStart };
  }

  /** An invocation failed by fault injection: counted and logged like a handler's error, without running it. */
  injectedError(errorMessage: string): InvokeResult {
    this.#invocations++;
    const requestId = randomUUID();
    const error = { errorType: 'EventloomInjectedFault', errorMessage };
    this.context.logSink?.append(logGroupName(this.config.name), 'eventloom/fault-injection', Date.now(), `${requestId}\tERROR\t${error.errorType}: ${errorMessage}\n`);
    return this.#failed(requestId, error, false, performance.now());
  }

  stats(): FunctionStats {
    return {
      invocations: this.#invocations,
      errors: this.#errors,
      timeouts: this.#timeouts,
      throttles: this.throttles,
      running: this.slots.running,
      warmWorkers: [...this.#all].filter((worker) => worker.alive).length,
    };
  }

  /**
   * Terminates workers idle since before `cutoffMs`, and spares (any but the last used, which a lone
   * invocation would take) idle since before `spareCutoffMs`: a burst's extra sandboxes go soon after it.
   */
  reap(cutoffMs: number, spareCutoffMs: number): void {
    const last = this.slots.running === 0 ? this.#idle.at(-1) : undefined;
    for (const worker of [...this.#idle]) {
      if (worker.lastUsedMs < (worker === last ? cutoffMs : spareCutoffMs)) void worker.terminate();
    }
  }

  /** Stops reusing workers: idle ones end now, busy ones when their invocation ends. */
  retire(): void {
    this.#retired = true;
    for (const worker of [...this.#idle]) void worker.terminate();
  }

  async close(): Promise<void> {
    this.#retired = true;
    await Promise.all([...this.#all].map((worker) => worker.terminate()));
  }

  #failed(requestId: string, error: FunctionErrorPayload, timedOut: boolean, startedAt: number): InvokeResult {
    this.#errors++;
    if (timedOut) this.#timeouts++;
    this.context.logger.info('function invocation failed', { function: this.config.name, requestId, errorType: error.errorType });
    return { ok: false, error, timedOut, durationMs: performance.now() - startedAt };
  }

  /** Lambda's END and REPORT lines for one invocation. */
  #report(worker: WorkerHandle, requestId: string, durationMs: number, coldStart: boolean, status: Report['status']): void {
    worker.log.platform(endLine(requestId));
    worker.log.platform(
      reportLine({
        requestId,
        durationMs,
        memorySizeMb: this.config.memoryMb,
        maxMemoryUsedMb: Math.ceil(worker.peakHeapBytes / 1_048_576),
        ...(coldStart && { initDurationMs: worker.initDurationMs }),
        ...(status && { status }),
      }),
    );
  }

  /** A warm sandbox, skipping any that is being terminated (it stays listed until its exit event). */
  #takeIdle(): WorkerHandle | undefined {
    let worker = this.#idle.pop();
    while (worker && !worker.alive) worker = this.#idle.pop();
    return worker;
  }

  async #spawn(): Promise<WorkerHandle> {
    const { name } = this.config;
    const [runtime, bundle] = await Promise.all([this.context.code.runtime(), this.#bundle()]);
    if (!runtime.ok) throw new Error(`the Lambda runtime loop did not compile: ${runtime.error.errorMessage}`);
    const streamName = logStreamName();
    const worker = new WorkerHandle({
      setup: {
        runtimeUrl: runtime.url,
        moduleUrl: bundle.ok ? bundle.url : '',
        ...(!bundle.ok && { buildError: bundle.error }),
        exportName: this.config.exportName,
        functionName: name,
        functionArn: this.context.functionArn,
        memoryMb: this.config.memoryMb,
        logGroupName: logGroupName(name),
        logStreamName: streamName,
      },
      env: { ...this.context.env, AWS_LAMBDA_LOG_STREAM_NAME: streamName },
      log: new SandboxLog({ functionName: name, streamName, output: this.context.output, sink: this.context.logSink }),
      onGone: (gone) => {
        this.#all.delete(gone);
        const index = this.#idle.indexOf(gone);
        if (index >= 0) this.#idle.splice(index, 1);
      },
    });
    this.#all.add(worker);
    return worker;
  }
}

/** REPORT's Status: a timeout, or a sandbox that died mid-invocation; a handler's own error is a normal end. */
function endStatus(outcome: RunOutcome, alive: boolean): Report['status'] {
  if (outcome.ok) return undefined;
  if (outcome.timedOut) return { status: 'timeout' };
  return alive ? undefined : { status: 'error', errorType: 'Runtime.ExitError' };
}
