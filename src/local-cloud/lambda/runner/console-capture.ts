import { format } from 'node:util';
import type { ConsoleLevel, WorkerMessage } from './types.ts';

/** The `console` methods the Node.js runtime rewrites, and the level each prints. */
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const satisfies Record<string, ConsoleLevel>;

/**
 * Inside a function's worker: makes `console.log/info/warn/error/debug/trace` behave as in Lambda's
 * Node.js runtime, where each call is one log event `<time>\t<request id>\t<LEVEL>\t<util.format(…)>`
 * even when the message spans lines. The parent formats and stores it; other writes to stdout
 * (`console.dir`, `process.stdout.write`, Powertools' JSON logger) stay raw lines, as on AWS.
 */
export function captureConsole(post: (message: WorkerMessage) => void, requestId: () => string | undefined): void {
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, ConsoleLevel][]) {
    // eslint-disable-next-line no-console -- replacing the methods (not logging) is the point, as the Lambda runtime does
    console[method] = (...args: unknown[]) => post({ type: 'console', level, text: format(...args), timestamp: Date.now(), requestId: requestId() });
  }
}
