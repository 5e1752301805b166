import { Worker } from 'node:worker_threads';
import { exitError, INIT_TIMEOUT_MS, initTimeoutError, timeoutError, toErrorPayload } from './function-error.ts';
import { errorLine, exitLine, timeoutLine } from './log-lines.ts';
import { LineSplitter } from './output.ts';
import type { SandboxLog } from './sandbox-log.ts';
import type { FunctionErrorPayload, InvokeMessage, WorkerMessage, WorkerSetup } from './types.ts';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
/**
 * V8 lets each isolate's young generation grow to 32–48 MB under allocation pressure, and every
 * sandbox is an isolate: under load that, not the loaded code, made most of node's RSS. Handlers
 * allocate short-lived request objects; a small young generation costs a few more scavenges.
 */
const SANDBOX_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

export type RunOutcome = { ok: true; payloadJson: string } | { ok: false; error: FunctionErrorPayload; timedOut: boolean };

interface Pending {
  requestId: string;
  resolve(outcome: RunOutcome): void;
  timer: NodeJS.Timeout;
}

export interface WorkerHandleOptions {
  setup: WorkerSetup;
  env: Record<string, string>;
  /** Where the sandbox's output and Lambda's lines about it go. */
  log: SandboxLog;
  /** Called once when the worker is gone (exit, crash, timeout, terminate). */
  onGone: (handle: WorkerHandle) => void;
}

/**
 * One execution environment: a worker thread that imported the handler module once (the cold
 * start) and then runs one invocation at a time. Idle, it does not keep the process alive.
 */
export class WorkerHandle {
  /** Settles once the module is loaded: undefined when ready, else the init error. */
  readonly ready: Promise<FunctionErrorPayload | undefined>;
  readonly log: SandboxLog;
  lastUsedMs = Date.now();
  /** How long loading the module took (REPORT's Init Duration). */
  initDurationMs = 0;
  /** The largest heap the sandbox reported (REPORT's Max Memory Used). */
  peakHeapBytes = 0;
  readonly #spawnedAt = performance.now();
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #initTimer: NodeJS.Timeout;
  readonly #output: Record<'stdout' | 'stderr', LineSplitter>;
  #settleReady: (error: FunctionErrorPayload | undefined) => void = () => {};
  #pending: Pending | undefined;
  /** The runtime keeps the last request id for lines printed between invocations. */
  #lastRequestId: string | undefined;
  #crash: FunctionErrorPayload | undefined;
  #alive = true;

  constructor(options: WorkerHandleOptions) {
    this.ready = new Promise((resolve) => (this.#settleReady = resolve));
    const worker = new Worker(BOOTSTRAP, { workerData: options.setup, env: options.env, execArgv: [], resourceLimits: SANDBOX_RESOURCE_LIMITS });
    this.#worker = worker;
    this.log = options.log;
    this.#output = {
      stdout: new LineSplitter((line) => this.log.line('stdout', line)),
      stderr: new LineSplitter((line) => this.log.line('stderr', line)),
    };
    this.#initTimer = setTimeout(() => this.#initFailed(initTimeoutError()), INIT_TIMEOUT_MS);
    worker.on('message', (message: WorkerMessage) => this.#onMessage(message));
    worker.on('error', (error) => (this.#crash ??= toErrorPayload(error)));
    this.#exited = new Promise((resolve) => {
      worker.once('exit', (code: number) => {
        this.#alive = false;
        clearTimeout(this.#initTimer);
        this.#output.stdout.flush();
        this.#output.stderr.flush();
        this.#settleReady(this.#crash ?? exitError(code));
        const pending = this.#pending;
        if (pending) {
          this.log.platform(exitLine(pending.requestId, code));
          this.#finish({ ok: false, error: this.#crash ?? exitError(code, pending.requestId), timedOut: false });
        }
        options.onGone(this);
        resolve();
      });
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Runs one invocation; past `timeoutSeconds` the worker is terminated, as AWS ends the sandbox. */
  run(requestId: string, eventJson: string, timeoutSeconds: number): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const timeoutMs = timeoutSeconds * 1000;
      const timer = setTimeout(() => {
        this.log.platform(timeoutLine(Date.now(), requestId, timeoutSeconds));
        this.#finish({ ok: false, error: timeoutError(requestId, timeoutSeconds), timedOut: true });
        void this.terminate();
      }, timeoutMs);
      this.#pending = { requestId, resolve, timer };
      this.#lastRequestId = requestId;
      this.#worker.ref();
      const message: InvokeMessage = { requestId, eventJson, deadlineMs: Date.now() + timeoutMs };
      this.#worker.postMessage(message);
    });
  }

  terminate(): Promise<void> {
    this.#alive = false;
    void this.#worker.terminate();
    return this.#exited;
  }

  #onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.initDurationMs = performance.now() - this.#spawnedAt;
        this.peakHeapBytes = Math.max(this.peakHeapBytes, message.heapBytes);
        clearTimeout(this.#initTimer);
        this.#worker.unref();
        this.#settleReady(undefined);
        return;
      case 'init-error':
        this.initDurationMs = performance.now() - this.#spawnedAt;
        this.log.platform(errorLine(Date.now(), undefined, 'Uncaught Exception', message.error));
        this.#initFailed(message.error);
        return;
      case 'result':
        this.peakHeapBytes = Math.max(this.peakHeapBytes, message.heapBytes);
        if (this.#pending?.requestId === message.requestId) this.#finish({ ok: true, payloadJson: message.payloadJson });
        return;
      case 'error':
        this.peakHeapBytes = Math.max(this.peakHeapBytes, message.heapBytes);
        if (this.#pending?.requestId !== message.requestId) return;
        this.log.platform(errorLine(Date.now(), message.requestId, 'Invoke Error', message.error));
        this.#finish({ ok: false, error: message.error, timedOut: false });
        return;
      case 'crash':
        this.#crash = message.error;
        this.log.platform(errorLine(Date.now(), this.#lastRequestId, message.title, message.error));
        return;
      case 'output':
        this.#output[message.stream].push(message.text);
        return;
      case 'console':
        this.log.console(message.level, message.text, message.timestamp, message.requestId);
        return;
    }
  }

  #initFailed(error: FunctionErrorPayload): void {
    clearTimeout(this.#initTimer);
    this.#settleReady(error);
    void this.terminate();
  }

  #finish(outcome: RunOutcome): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    // A last line printed without a newline belongs to this invocation, not the next.
    this.#output.stdout.flush();
    this.#output.stderr.flush();
    if (this.#alive) this.#worker.unref();
    pending.resolve(outcome);
  }
}
