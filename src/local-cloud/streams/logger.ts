import { createLogger } from '../../platform/log.ts';

/** The part of the platform logger the stream reader uses. */
export interface StreamLogger {
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export function defaultStreamLogger(consumerId: string): StreamLogger {
  return createLogger({ context: { component: 'stream-reader', consumerId } });
}
