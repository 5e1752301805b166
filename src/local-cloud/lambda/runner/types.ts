import type { ActivityFeed } from '../../activity/index.ts';

/** One deployed function as the runner sees it. */
export interface FunctionConfig {
  name: string;
  /** Absolute path of the handler module (.ts or .js). */
  modulePath: string;
  exportName: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  /** Informational, as locally nothing enforces it; reported in the context and the environment. */
  memoryMb: number;
  /** Max concurrent executions; default `FunctionRunnerOptions.defaultConcurrency`. */
  reservedConcurrency?: number;
  /** Other names that invoke this same function (its pool and slots), e.g. a topology's `localAliases`. */
  aliases?: readonly string[];
  /** As declared (`nodejs20.x`), reported by Lambda's read API; informational, the runner's Node.js runs it. */
  runtime?: string;
  /** As declared (`index.handler`, `src/x.ts#handler`), reported by Lambda's read API. */
  handler?: string;
}

/** The error payload AWS returns for a failed invocation. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvokeResult =
  | { ok: true; payload: unknown; durationMs: number; coldStart: boolean }
  | { ok: false; error: FunctionErrorPayload; timedOut: boolean; durationMs: number };

export interface FunctionStats {
  invocations: number;
  errors: number;
  timeouts: number;
  throttles: number;
  running: number;
  warmWorkers: number;
}

export interface RunnerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Receives each line a handler writes to stdout/stderr. */
export type OutputSink = (functionName: string, stream: 'stdout' | 'stderr', line: string) => void;

/** Receives a function's CloudWatch Logs events: group `/aws/lambda/<name>`, one stream per sandbox. */
export interface LogSink {
  append(group: string, stream: string, timestamp: number, message: string): void;
}

/** The level the Node.js runtime prints for each `console` method. */
export type ConsoleLevel = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'TRACE';

export interface FunctionRunnerOptions {
  /** Max concurrent executions of a function without `reservedConcurrency`; default 10. */
  defaultConcurrency?: number;
  /** Warm workers unused this long are terminated; default 5 minutes. */
  idleWorkerTtlMs?: number;
  /**
   * A function's warm workers besides the last used one (a burst's extra sandboxes) unused this long
   * are terminated; default 5 s, at most `idleWorkerTtlMs`.
   */
  spareWorkerTtlMs?: number;
  /** Default: info is dropped, warnings go to stderr as one line each. */
  logger?: RunnerLogger;
  /** Handler output; default: written to this process's stdout/stderr prefixed with `[functionName]`. */
  output?: OutputSink;
  /** Where Lambda's log lines go (START/END/REPORT and everything printed); default: nowhere. */
  logSink?: LogSink;
  /** The environment every function starts from, before its own; default `process.env`. */
  baseEnv?: Record<string, string | undefined>;
  /** Default: `AWS_REGION` of this process, else `us-east-1`. */
  region?: string;
  /** Sandboxes loading their code at once, across all functions; default the number of CPUs (at least 2). */
  maxConcurrentColdStarts?: number;
  /** Where each invocation (source, outcome, duration) is reported; default nowhere. */
  activity?: ActivityFeed;
  /** Called as each invocation ends, its writes done (the local cloud wakes stream readers). */
  onInvocationEnd?: (functionName: string) => void;
}

/** What the worker needs to know about its function (sent as `workerData`). */
export interface WorkerSetup {
  /** The runtime loop, compiled (sandbox-code.ts). */
  runtimeUrl: string;
  /** The handler's bundle. */
  moduleUrl: string;
  /** Why the handler could not be built: the sandbox reports it as its init error. */
  buildError?: FunctionErrorPayload;
  exportName: string;
  functionName: string;
  functionArn: string;
  memoryMb: number;
  logGroupName: string;
  logStreamName: string;
}

/** Parent → worker. Events travel as JSON text, as they do to a Lambda runtime. */
export interface InvokeMessage {
  requestId: string;
  eventJson: string;
  deadlineMs: number;
}

/** Worker → parent. */
export type WorkerMessage =
  | { type: 'ready'; heapBytes: number }
  | { type: 'init-error'; error: FunctionErrorPayload }
  | { type: 'result'; requestId: string; payloadJson: string; heapBytes: number }
  | { type: 'error'; requestId: string; error: FunctionErrorPayload; heapBytes: number }
  | { type: 'crash'; error: FunctionErrorPayload; title: 'Uncaught Exception' | 'Unhandled Promise Rejection' }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** One `console.*` call: one log event, however many lines it has. */
  | { type: 'console'; level: ConsoleLevel; text: string; timestamp: number; requestId: string | undefined };
