import type { Statement } from 'better-sqlite3';
import type { StateDb } from '../state/db.ts';
import type { EventKey, LogGroup, LogStream, NewLogEvent, StoredEvent } from './models.ts';

interface GroupRow {
  id: number;
  name: string;
  created_at: number;
  retention_days: number | null;
}

interface StreamRow {
  id: number;
  group_id: number;
  name: string;
  created_at: number;
  first_event_at: number | null;
  last_event_at: number | null;
  last_ingested_at: number | null;
}

/** A range of events to read, in key order from `after` or backwards from `before`. */
export interface EventRange {
  readonly from: { after: EventKey } | { before: EventKey };
  readonly startTime: number;
  /** Exclusive. */
  readonly endTime: number;
  readonly limit: number;
}

// Events are read by (timestamp, seq) within a stream (GetLogEvents) or a group (FilterLogEvents,
// retention); seq is the rowid, which SQLite appends to every index entry.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS logs_groups (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
    retention_days INTEGER);
  CREATE TABLE IF NOT EXISTS logs_streams (
    id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL,
    first_event_at INTEGER, last_event_at INTEGER, last_ingested_at INTEGER, UNIQUE (group_id, name));
  CREATE TABLE IF NOT EXISTS logs_events (
    seq INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,
    timestamp INTEGER NOT NULL, ingested_at INTEGER NOT NULL, message TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS logs_events_by_stream ON logs_events (stream_id, timestamp);
  CREATE INDEX IF NOT EXISTS logs_events_by_group ON logs_events (group_id, timestamp);
`;

const EVENT_COLUMNS = 'e.seq, e.timestamp, e.ingested_at AS ingestedAt, e.message, s.name AS streamName';

/** The CloudWatch Logs tables in the shared state database; every method commits before it returns. */
export class LogsStore {
  private readonly sql: ReturnType<typeof prepare>;
  private readonly transaction: (work: () => unknown) => unknown;

  constructor(readonly db: StateDb) {
    db.exec(SCHEMA);
    this.sql = prepare(db);
    this.transaction = db.transaction((work: () => unknown) => work());
  }

  inTransaction<T>(work: () => T): T {
    return this.transaction(work) as T;
  }

  groups(): LogGroup[] {
    return (this.sql.groups.all() as GroupRow[]).map(toGroup);
  }

  /** Counted when asked (DescribeLogGroups), so that writes and pruning need not keep a running total. */
  storedBytes(groupId: number): number {
    return (this.sql.groupBytes.get(groupId) as { bytes: number }).bytes;
  }

  group(name: string): LogGroup | undefined {
    const row = this.sql.groupByName.get(name) as GroupRow | undefined;
    return row && toGroup(row);
  }

  insertGroup(name: string, now: number): number {
    return Number(this.sql.insertGroup.run(name, now).lastInsertRowid);
  }

  deleteGroup(id: number): void {
    this.inTransaction(() => {
      this.sql.deleteGroupEvents.run(id);
      this.sql.deleteGroupStreams.run(id);
      this.sql.deleteGroup.run(id);
    });
  }

  setRetention(id: number, days: number | undefined): void {
    this.sql.setRetention.run(days ?? null, id);
  }

  streams(groupId: number): LogStream[] {
    return (this.sql.streams.all(groupId) as StreamRow[]).map(toStream);
  }

  stream(groupId: number, name: string): LogStream | undefined {
    const row = this.sql.streamByName.get(groupId, name) as StreamRow | undefined;
    return row && toStream(row);
  }

  insertStream(groupId: number, name: string, now: number): number {
    return Number(this.sql.insertStream.run(groupId, name, now).lastInsertRowid);
  }

  deleteStream(id: number): void {
    this.inTransaction(() => {
      this.sql.deleteStreamEvents.run(id);
      this.sql.deleteStream.run(id);
    });
  }

  /** Inserts events of one stream and advances its first/last event times; the caller holds a transaction. */
  insertEvents(groupId: number, streamId: number, events: readonly Pick<NewLogEvent, 'timestamp' | 'message'>[], now: number): void {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const event of events) {
      this.sql.insertEvent.run(groupId, streamId, event.timestamp, now, event.message);
      if (event.timestamp < first) first = event.timestamp;
      if (event.timestamp > last) last = event.timestamp;
    }
    if (events.length > 0) this.sql.touchStream.run({ first, last, now, id: streamId });
  }

  streamEvents(streamId: number, range: EventRange): StoredEvent[] {
    const { startTime, endTime, limit } = range;
    if ('after' in range.from) {
      const { timestamp, seq } = range.from.after;
      return this.sql.streamForward.all(streamId, timestamp, seq, startTime, endTime, limit) as StoredEvent[];
    }
    const { timestamp, seq } = range.from.before;
    return (this.sql.streamBackward.all(streamId, timestamp, seq, startTime, endTime, limit) as StoredEvent[]).reverse();
  }

  /** A group's events in `range`, from `streamIds` only if given (FilterLogEvents). */
  groupEvents(groupId: number, range: EventRange, streamIds?: readonly number[]): StoredEvent[] {
    const { startTime, endTime, limit } = range;
    const streams = streamIds ? JSON.stringify(streamIds) : null;
    const params = (key: EventKey) => ({ group: groupId, timestamp: key.timestamp, seq: key.seq, startTime, endTime, streams, limit });
    if ('after' in range.from) return this.sql.groupForward.all(params(range.from.after)) as StoredEvent[];
    return (this.sql.groupBackward.all(params(range.from.before)) as StoredEvent[]).reverse();
  }

  countEvents(groupId: number): number {
    return (this.sql.countGroupEvents.get(groupId) as { count: number }).count;
  }

  /** Deletes the group's events older than `timestamp`; returns how many. */
  deleteEventsBefore(groupId: number, timestamp: number): number {
    return this.sql.deleteOlder.run(groupId, timestamp).changes;
  }

  /** Deletes all but the newest `keep` events of the group; returns how many went. */
  keepNewest(groupId: number, keep: number): number {
    const cutoff = this.sql.nthNewest.get(groupId, keep - 1) as EventKey | undefined;
    return cutoff ? this.sql.deleteBeforeKey.run(groupId, cutoff.timestamp, cutoff.seq).changes : 0;
  }

  /** After a prune: drops the streams whose every event expired. */
  deleteEmptyStreams(groupId: number): void {
    this.sql.deleteEmptyStreams.run(groupId);
  }
}

function prepare(db: StateDb) {
  const statement = (sql: string): Statement => db.prepare(sql);
  return {
    groups: statement('SELECT * FROM logs_groups ORDER BY name'),
    groupByName: statement('SELECT * FROM logs_groups WHERE name = ?'),
    insertGroup: statement('INSERT INTO logs_groups (name, created_at) VALUES (?, ?)'),
    deleteGroup: statement('DELETE FROM logs_groups WHERE id = ?'),
    deleteGroupStreams: statement('DELETE FROM logs_streams WHERE group_id = ?'),
    deleteGroupEvents: statement('DELETE FROM logs_events WHERE group_id = ?'),
    setRetention: statement('UPDATE logs_groups SET retention_days = ? WHERE id = ?'),
    groupBytes: statement('SELECT coalesce(sum(length(CAST(message AS BLOB))), 0) AS bytes FROM logs_events WHERE group_id = ?'),
    streams: statement('SELECT * FROM logs_streams WHERE group_id = ? ORDER BY name'),
    streamByName: statement('SELECT * FROM logs_streams WHERE group_id = ? AND name = ?'),
    insertStream: statement('INSERT INTO logs_streams (group_id, name, created_at) VALUES (?, ?, ?)'),
    deleteStream: statement('DELETE FROM logs_streams WHERE id = ?'),
    deleteStreamEvents: statement('DELETE FROM logs_events WHERE stream_id = ?'),
    touchStream: statement(
      `UPDATE logs_streams SET first_event_at = min(coalesce(first_event_at, @first), @first),
       last_event_at = max(coalesce(last_event_at, @last), @last), last_ingested_at = @now WHERE id = @id`,
    ),
    deleteEmptyStreams: statement(
      `DELETE FROM logs_streams WHERE group_id = ? AND last_event_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM logs_events e WHERE e.stream_id = logs_streams.id)`,
    ),
    insertEvent: statement('INSERT INTO logs_events (group_id, stream_id, timestamp, ingested_at, message) VALUES (?, ?, ?, ?, ?)'),
    streamForward: statement(
      `SELECT ${EVENT_COLUMNS} FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE e.stream_id = ? AND (e.timestamp, e.seq) > (?, ?) AND e.timestamp >= ? AND e.timestamp < ? ORDER BY e.timestamp, e.seq LIMIT ?`,
    ),
    streamBackward: statement(
      `SELECT ${EVENT_COLUMNS} FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE e.stream_id = ? AND (e.timestamp, e.seq) < (?, ?) AND e.timestamp >= ? AND e.timestamp < ? ORDER BY e.timestamp DESC, e.seq DESC LIMIT ?`,
    ),
    // `@streams IS NULL` keeps one statement for "every stream" and "these streams".
    groupForward: statement(
      `SELECT ${EVENT_COLUMNS} FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE e.group_id = @group AND (e.timestamp, e.seq) > (@timestamp, @seq) AND e.timestamp >= @startTime AND e.timestamp < @endTime
       AND (@streams IS NULL OR e.stream_id IN (SELECT value FROM json_each(@streams))) ORDER BY e.timestamp, e.seq LIMIT @limit`,
    ),
    groupBackward: statement(
      `SELECT ${EVENT_COLUMNS} FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE e.group_id = @group AND (e.timestamp, e.seq) < (@timestamp, @seq) AND e.timestamp >= @startTime AND e.timestamp < @endTime
       AND (@streams IS NULL OR e.stream_id IN (SELECT value FROM json_each(@streams))) ORDER BY e.timestamp DESC, e.seq DESC LIMIT @limit`,
    ),
    countGroupEvents: statement('SELECT count(*) AS count FROM logs_events WHERE group_id = ?'),
    deleteOlder: statement('DELETE FROM logs_events WHERE group_id = ? AND timestamp < ?'),
    nthNewest: statement('SELECT timestamp, seq FROM logs_events WHERE group_id = ? ORDER BY timestamp DESC, seq DESC LIMIT 1 OFFSET ?'),
    deleteBeforeKey: statement('DELETE FROM logs_events WHERE group_id = ? AND (timestamp, seq) < (?, ?)'),
  };
}

function toGroup(row: GroupRow): LogGroup {
  return { id: row.id, name: row.name, createdAt: row.created_at, retentionDays: row.retention_days ?? undefined };
}

function toStream(row: StreamRow): LogStream {
  return {
    id: row.id,
    groupId: row.group_id,
    name: row.name,
    createdAt: row.created_at,
    firstEventAt: row.first_event_at ?? undefined,
    lastEventAt: row.last_event_at ?? undefined,
    lastIngestedAt: row.last_ingested_at ?? undefined,
  };
}
