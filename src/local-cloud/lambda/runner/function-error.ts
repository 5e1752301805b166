import type { FunctionErrorPayload } from './types.ts';

/** AWS's payload for a thrown value: `errorType` is the error's name, `trace` its stack lines. */
export function toErrorPayload(thrown: unknown): FunctionErrorPayload {
  if (thrown instanceof Error) {
    return {
      errorType: thrown.name,
      errorMessage: thrown.message,
      trace: typeof thrown.stack === 'string' ? thrown.stack.split('\n') : [],
    };
  }
  // AWS reports a thrown non-Error by its typeof, e.g. `throw 'no'` → errorType "string".
  return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
}

/** The exact text the AWS Node.js runtime returns when an invocation exceeds its timeout. */
export function timeoutError(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** The runtime process (here: the worker) ended before answering. */
export function exitError(exitCode: number, requestId?: string): FunctionErrorPayload {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return { errorType: 'Runtime.ExitError', errorMessage: requestId ? `RequestId: ${requestId} Error: ${reason}` : `Error: ${reason}` };
}

/** AWS gives the init phase (loading the module) 10 s of its own, apart from the function timeout. */
export const INIT_TIMEOUT_MS = 10_000;

export function initTimeoutError(): FunctionErrorPayload {
  return { errorType: 'Sandbox.Timedout', errorMessage: `Error: Init phase timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds` };
}
