import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsService } from '../logs/index.ts';
import { LogsError } from '../logs/errors.ts';

export interface LogLine {
  readonly eventId: string;
  readonly timestamp: number;
  readonly stream: string;
  readonly message: string;
}

/** How far back a first read looks, and how many events it scans at most. */
const DEFAULT_WINDOW_MS = 15 * 60_000;
const MAX_SCANNED = 20_000;

/**
 * The newest `limit` lines of a function's log group at or after `since` (default the last 15
 * minutes), oldest first; a page following the logs passes the last timestamp it has and drops the
 * event ids it already shows. A function that never ran has no log group yet: no lines.
 */
export function functionLogs(logs: LogsService, functionName: string, options: { since?: number; limit: number }): LogLine[] {
  const group = `/aws/lambda/${functionName}`;
  const kept: LogLine[] = [];
  let nextToken: string | undefined;
  let scanned = 0;
  try {
    do {
      const page = logs.filterLogEvents({ group, startTime: options.since ?? Date.now() - DEFAULT_WINDOW_MS, limit: 1_000, ...(nextToken && { nextToken }) });
      for (const event of page.events ?? []) {
        kept.push(toLine(event));
        if (kept.length > options.limit) kept.shift();
      }
      scanned += page.events?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken && scanned < MAX_SCANNED);
  } catch (error) {
    if (error instanceof LogsError && error.code === 'ResourceNotFoundException') return [];
    throw error;
  }
  return kept;
}

function toLine(event: FilteredLogEvent): LogLine {
  return { eventId: event.eventId ?? '', timestamp: event.timestamp ?? 0, stream: event.logStreamName ?? '', message: event.message ?? '' };
}
