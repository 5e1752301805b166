// Runs inside a function's worker thread: the Lambda runtime of one execution environment.
import { basename, extname } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { captureConsole } from './console-capture.ts';
import { createContext, type Settle } from './context.ts';
import { toErrorPayload } from './function-error.ts';
import type { FunctionErrorPayload, InvokeMessage, WorkerMessage, WorkerSetup } from './types.ts';

type Handler = (event: unknown, context: Context, callback: Settle) => unknown;

if (!parentPort) throw new Error('the runtime loop must run in a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const post = (message: WorkerMessage): void => port.postMessage(message);

// Handler output travels as messages: reading a worker's own stdout stream would keep the parent
// process alive even when the worker is idle and unref'd.
for (const stream of ['stdout', 'stderr'] as const) {
  process[stream].write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    post({ type: 'output', stream, text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof process.stdout.write;
}

// The request id `console.*` lines carry: the current invocation's, kept after it ends (as the
// runtime does), `undefined` while the module loads.
let currentRequestId: string | undefined;
captureConsole(post, () => currentRequestId);

// As on AWS, an error escaping the handler's promise chain ends the runtime; the parent replaces it.
process.on('uncaughtException', (error) => {
  post({ type: 'crash', error: toErrorPayload(error), title: 'Uncaught Exception' });
  process.exit(129);
});
process.on('unhandledRejection', (reason) => {
  const { trace } = toErrorPayload(reason);
  const errorMessage = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  post({ type: 'crash', error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage, trace }, title: 'Unhandled Promise Rejection' });
  process.exit(128);
});

function initError(error: unknown): FunctionErrorPayload {
  const payload = toErrorPayload(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') return { ...payload, errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${payload.errorMessage}` };
  if (error instanceof SyntaxError) return { ...payload, errorType: 'Runtime.UserCodeSyntaxError' };
  return payload;
}

async function loadHandler(): Promise<Handler | FunctionErrorPayload> {
  if (setup.buildError) return setup.buildError;
  let module: Record<string, unknown>;
  try {
    module = (await import(setup.moduleUrl)) as Record<string, unknown>;
  } catch (error) {
    return initError(error);
  }
  const fromDefault = (module.default as Record<string, unknown> | undefined)?.[setup.exportName];
  const handler = module[setup.exportName] ?? fromDefault;
  if (typeof handler === 'function') return handler as Handler;
  const file = basename(fileURLToPath(setup.moduleUrl), extname(setup.moduleUrl));
  return { errorType: 'Runtime.HandlerNotFound', errorMessage: `${file}.${setup.exportName} is undefined or not exported` };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function invoke(handler: Handler, message: InvokeMessage): void {
  const { requestId } = message;
  currentRequestId = requestId;
  let settled = false;
  const settle: Settle = (error, result) => {
    if (settled) return;
    settled = true;
    // The sandbox's heap, for REPORT's Max Memory Used (the process's RSS is shared by every function).
    const heapBytes = getHeapStatistics().total_heap_size;
    if (error !== null && error !== undefined) return post({ type: 'error', requestId, error: toErrorPayload(error), heapBytes });
    let payloadJson: string;
    try {
      // AWS serializes the result as JSON: undefined becomes null, functions vanish.
      payloadJson = JSON.stringify(result) ?? 'null';
    } catch (serializeError) {
      return post({ type: 'error', requestId, error: toErrorPayload(serializeError), heapBytes });
    }
    post({ type: 'result', requestId, payloadJson, heapBytes });
  };
  try {
    const event: unknown = JSON.parse(message.eventJson);
    const returned = handler(event, createContext(setup, requestId, message.deadlineMs, settle), settle);
    if (isThenable(returned)) {
      returned.then(
        (result) => settle(null, result),
        (error: unknown) => settle(error ?? new Error('The handler rejected without a reason')),
      );
    } else if (handler.length < 3) {
      settle(null, returned);
    }
    // else: a callback-style handler answers through `callback` (or times out).
  } catch (error) {
    settle(error);
  }
}

const loaded = await loadHandler();
if (typeof loaded === 'function') {
  port.on('message', (message: InvokeMessage) => invoke(loaded, message));
  post({ type: 'ready', heapBytes: getHeapStatistics().total_heap_size });
} else {
  post({ type: 'init-error', error: loaded });
}
