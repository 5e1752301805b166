import type { FilteredLogEvent, FilterLogEventsResponse, GetLogEventsResponse, OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { compileFilterPattern } from './filter-pattern.ts';
import { eventId, FIRST_KEY, LAST_KEY, type EventKey, type LogGroup, type LogStream, type StoredEvent } from './models.ts';
import type { EventRange, LogsStore } from './state.ts';
import { decodeFilterToken, decodeStreamToken, encodeFilterToken, encodeStreamToken, type StreamCursor } from './tokens.ts';

/** What one answer may carry, as on AWS: 10,000 events or 1 MB of messages. */
const MAX_RESPONSE_BYTES = 1_048_576;
/** FilterLogEvents reads this many events per query while it looks for matches… */
const SCAN_CHUNK = 1_000;
/** …and answers with a `nextToken` after this many, even with few matches, as AWS's does. */
const MAX_SCANNED = 100_000;

export interface StreamQuery {
  startTime?: number;
  endTime?: number;
  startFromHead?: boolean;
  nextToken?: string;
  limit: number;
}

export interface FilterQuery extends StreamQuery {
  streamNames?: string[];
  streamPrefix?: string;
  filterPattern?: string;
}

/**
 * GetLogEvents: a page of one stream's events. Without a token it reads from the head
 * (`startFromHead`) or backwards from the newest event. Reading past the end answers with the
 * token it was given, which is how `paginateGetLogEvents({ stopOnSameToken: true })` stops.
 */
export function getEvents(store: LogsStore, stream: LogStream, query: StreamQuery): GetLogEventsResponse {
  const cursor: StreamCursor = query.nextToken
    ? decodeStreamToken(query.nextToken)
    : { direction: query.startFromHead ? 'forward' : 'backward', key: query.startFromHead ? FIRST_KEY : LAST_KEY };
  const events = withinBudget(store.streamEvents(stream.id, range(cursor, query)), cursor.direction);
  const first = events[0];
  const last = events.at(-1);
  let forward: EventKey;
  let backward: EventKey;
  if (first && last) {
    forward = last;
    backward = first;
  } else if (cursor.direction === 'forward') {
    forward = cursor.key;
    backward = { timestamp: cursor.key.timestamp, seq: cursor.key.seq + 1 };
  } else {
    // Nothing before the cursor; from the open end that means an empty stream, so follow it from its head.
    forward = cursor.key === LAST_KEY ? FIRST_KEY : { timestamp: cursor.key.timestamp, seq: Math.max(0, cursor.key.seq - 1) };
    backward = cursor.key;
  }
  return {
    events: events.map(toOutputEvent),
    nextForwardToken: encodeStreamToken({ direction: 'forward', key: { timestamp: forward.timestamp, seq: forward.seq } }),
    nextBackwardToken: encodeStreamToken({ direction: 'backward', key: { timestamp: backward.timestamp, seq: backward.seq } }),
  };
}

/**
 * FilterLogEvents: a group's events (of some streams), interleaved in time order, that match the
 * filter pattern; `nextToken` while more may follow. `aws logs tail --follow` polls this with a
 * rising `startTime` and drops the `eventId`s it has already shown.
 */
export function filterEvents(store: LogsStore, group: LogGroup, allStreams: readonly LogStream[], query: FilterQuery): FilterLogEventsResponse {
  const matches = compileFilterPattern(query.filterPattern);
  const names = query.streamNames && new Set(query.streamNames);
  const prefix = query.streamPrefix;
  const streams = allStreams.filter((stream) => (!names || names.has(stream.name)) && (prefix === undefined || stream.name.startsWith(prefix)));
  const restricted = names !== undefined || prefix !== undefined;
  if (restricted && streams.length === 0) return { events: [], searchedLogStreams: [] };
  const streamIds = restricted ? streams.map((stream) => stream.id) : undefined;

  let cursor: StreamCursor = query.nextToken
    ? decodeFilterToken(query.nextToken)
    : { direction: query.startFromHead === false ? 'backward' : 'forward', key: query.startFromHead === false ? LAST_KEY : FIRST_KEY };
  const found: StoredEvent[] = [];
  let bytes = 0;
  let scanned = 0;
  let more = true;
  scan: while (scanned < MAX_SCANNED) {
    const chunk = store.groupEvents(group.id, range(cursor, { ...query, endTime: inclusive(query.endTime), limit: SCAN_CHUNK }), streamIds);
    // Backward chunks come oldest first; walk them newest first.
    const ordered = cursor.direction === 'forward' ? chunk : [...chunk].reverse();
    for (const event of ordered) {
      if (matches(event.message)) {
        if (found.length === query.limit || (found.length > 0 && bytes + Buffer.byteLength(event.message) > MAX_RESPONSE_BYTES)) break scan;
        found.push(event);
        bytes += Buffer.byteLength(event.message);
      }
      cursor = { direction: cursor.direction, key: { timestamp: event.timestamp, seq: event.seq } };
      scanned++;
    }
    if (chunk.length < SCAN_CHUNK) {
      more = false;
      break;
    }
  }
  if (more) more = store.groupEvents(group.id, range(cursor, { ...query, endTime: inclusive(query.endTime), limit: 1 }), streamIds).length > 0;

  const reached = cursor.key.timestamp;
  return {
    events: found.map(toFilteredEvent),
    searchedLogStreams: streams.map((stream) => ({
      logStreamName: stream.name,
      searchedCompletely: !more || (cursor.direction === 'forward' ? (stream.lastEventAt ?? 0) < reached : (stream.firstEventAt ?? 0) > reached),
    })),
    ...(more && { nextToken: encodeFilterToken(cursor) }),
  };
}

function range(cursor: StreamCursor, query: { startTime?: number; endTime?: number; limit: number }): EventRange {
  return {
    from: cursor.direction === 'forward' ? { after: cursor.key } : { before: cursor.key },
    startTime: query.startTime ?? 0,
    endTime: query.endTime ?? Number.MAX_SAFE_INTEGER,
    limit: query.limit,
  };
}

/** FilterLogEvents includes events at `endTime`; GetLogEvents, like the store, does not. */
function inclusive(endTime: number | undefined): number | undefined {
  return endTime === undefined ? undefined : endTime + 1;
}

/** The events that fit in one answer, keeping the ones nearest the cursor. */
function withinBudget(events: StoredEvent[], direction: StreamCursor['direction']): StoredEvent[] {
  let bytes = 0;
  const ordered = direction === 'forward' ? events : [...events].reverse();
  const kept = ordered.findIndex((event) => (bytes += Buffer.byteLength(event.message)) > MAX_RESPONSE_BYTES);
  if (kept < 0) return events;
  return direction === 'forward' ? events.slice(0, kept) : events.slice(events.length - kept);
}

function toOutputEvent(event: StoredEvent): OutputLogEvent {
  return { timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestedAt };
}

function toFilteredEvent(event: StoredEvent): FilteredLogEvent {
  return { logStreamName: event.streamName, timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestedAt, eventId: eventId(event) };
}
