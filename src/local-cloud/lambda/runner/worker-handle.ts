import { Worker } from 'node:worker_threads';
import { exitError, INIT_TIMEOUT_MS, initTimeoutError, timeoutError, toErrorPayload } from './function-error.ts';
import { LineSplitter } from './output.ts';
import type { FunctionErrorPayload, InvokeMessage, WorkerMessage, WorkerSetup } from './types.ts';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

export type RunOutcome = { ok: true; payloadJson: string } | { ok: false; error: FunctionErrorPayload; timedOut: boolean };

interface Pending {
  requestId: string;
  resolve(outcome: RunOutcome): void;
  timer: NodeJS.Timeout;
}

export interface WorkerHandleOptions {
  setup: WorkerSetup;
  env: Record<string, string>;
  output: (stream: 'stdout' | 'stderr', line: string) => void;
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
  lastUsedMs = Date.now();
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #initTimer: NodeJS.Timeout;
  readonly #output: Record<'stdout' | 'stderr', LineSplitter>;
  #settleReady: (error: FunctionErrorPayload | undefined) => void = () => {};
  #pending: Pending | undefined;
  #crash: FunctionErrorPayload | undefined;
  #alive = true;

  constructor(options: WorkerHandleOptions) {
    this.ready = new Promise((resolve) => (this.#settleReady = resolve));
    const worker = new Worker(BOOTSTRAP, { workerData: options.setup, env: options.env, execArgv: [] });
    this.#worker = worker;
    this.#output = {
      stdout: new LineSplitter((line) => options.output('stdout', line)),
      stderr: new LineSplitter((line) => options.output('stderr', line)),
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
        if (pending) this.#finish({ ok: false, error: this.#crash ?? exitError(code, pending.requestId), timedOut: false });
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
        this.#finish({ ok: false, error: timeoutError(requestId, timeoutSeconds), timedOut: true });
        void this.terminate();
      }, timeoutMs);
      this.#pending = { requestId, resolve, timer };
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
        clearTimeout(this.#initTimer);
        this.#worker.unref();
        this.#settleReady(undefined);
        return;
      case 'init-error':
        this.#initFailed(message.error);
        return;
      case 'result':
        if (this.#pending?.requestId === message.requestId) this.#finish({ ok: true, payloadJson: message.payloadJson });
        return;
      case 'error':
        if (this.#pending?.requestId === message.requestId) this.#finish({ ok: false, error: message.error, timedOut: false });
        return;
      case 'crash':
        this.#crash = message.error;
        return;
      case 'output':
        this.#output[message.stream].push(message.text);
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
    if (this.#alive) this.#worker.unref();
    pending.resolve(outcome);
  }
}
