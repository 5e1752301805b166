import { randomBytes } from 'node:crypto';
import type { ConsoleLevel, FunctionErrorPayload } from './types.ts';

// The lines Lambda writes to a function's log group, byte for byte as AWS writes them: every
// message ends with a newline (the AWS CLI's `logs tail` strips it), REPORT fields are tab-separated.

/** `2024/05/01/[$LATEST]<32 hex>`, as AWS names one execution environment's log stream. */
export function logStreamName(now = new Date()): string {
  return `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export interface Report {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on a cold start. */
  initDurationMs?: number;
  /** How an invocation that did not return ended. */
  status?: { status: 'timeout' } | { status: 'error'; errorType: string };
}

/**
 * `REPORT RequestId: …\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t`.
 * Billed Duration rounds up to the millisecond and, since AWS began billing the init phase of
 * on-demand functions (August 2025), includes the Init Duration of a cold start.
 */
export function reportLine(report: Report): string {
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.ceil(report.durationMs + (report.initDurationMs ?? 0))} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
  ];
  if (report.initDurationMs !== undefined) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  if (report.status) fields.push(`Status: ${report.status.status}`);
  if (report.status?.status === 'error') fields.push(`Error Type: ${report.status.errorType}`);
  return `${fields.join('\t')}\t\n`;
}

/** What the Node.js runtime prints for `console.*`: `<ISO time>\t<request id>\t<LEVEL>\t<message>` (`undefined` during init). */
export function consoleLine(timestamp: number, requestId: string | undefined, level: ConsoleLevel, text: string): string {
  return `${new Date(timestamp).toISOString()}\t${requestId ?? 'undefined'}\t${level}\t${text}\n`;
}

/** How the runtime reports an error: `Invoke Error` (the handler failed), `Uncaught Exception`, `Unhandled Promise Rejection`. */
export function errorLine(timestamp: number, requestId: string | undefined, title: string, error: FunctionErrorPayload): string {
  const body = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace ?? [] });
  return consoleLine(timestamp, requestId, 'ERROR', `${title} \t${body}`);
}

export function timeoutLine(timestamp: number, requestId: string, timeoutSeconds: number): string {
  return `${new Date(timestamp).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/** The platform's line when the runtime process ended mid-invocation. */
export function exitLine(requestId: string, exitCode: number): string {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return `RequestId: ${requestId} Error: ${reason}\nRuntime.ExitError\n`;
}
