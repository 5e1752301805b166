import type { Statement } from 'better-sqlite3';
import type { StateDb } from '../state/db.ts';
import type { MessageAttributes } from './md5.ts';
import { Queue, type NewMessage, type StoredMessage } from './models.ts';

interface QueueRow {
  id: number;
  name: string;
  attributes: string;
  tags: string;
  created_at: number;
  modified_at: number;
}

interface MessageRow {
  seq: number;
  queue_id: number;
  id: string;
  body: string;
  attributes: string | null;
  md5_body: string;
  md5_attributes: string | null;
  sent_at: number;
  visible_at: number;
  receive_count: number;
  first_received_at: number | null;
  dead_letter_source: string | null;
}

/** ReceiveMessage's MaxNumberOfMessages upper bound. */
const MAX_RECEIVE = 10;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sqs_queues (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, attributes TEXT NOT NULL, tags TEXT NOT NULL,
    created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sqs_messages (
    seq INTEGER PRIMARY KEY, queue_id INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT,
    md5_body TEXT NOT NULL, md5_attributes TEXT, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0, first_received_at INTEGER);
  CREATE UNIQUE INDEX IF NOT EXISTS sqs_messages_by_id ON sqs_messages (id);
  CREATE INDEX IF NOT EXISTS sqs_messages_by_visibility ON sqs_messages (queue_id, visible_at);
  CREATE INDEX IF NOT EXISTS sqs_messages_by_age ON sqs_messages (queue_id, sent_at);
`;

/** The SQS tables in the shared state database; every method commits before it returns. */
export class SqsStore {
  readonly db: StateDb;
  private readonly sql: Statements;
  /** One compiled transaction wrapper; better-sqlite3 nests it as a savepoint inside a caller's transaction. */
  private readonly transaction: (work: () => unknown) => unknown;

  constructor(db: StateDb) {
    this.db = db;
    db.exec(SCHEMA);
    addDeadLetterSource(db);
    this.sql = prepareStatements(db);
    this.transaction = db.transaction((work: () => unknown) => work());
  }

  inTransaction<T>(work: () => T): T {
    return this.transaction(work) as T;
  }

  queues(): Queue[] {
    return (this.sql.queues.all() as QueueRow[]).map(toQueue);
  }

  queue(name: string): Queue | undefined {
    const row = this.sql.queueByName.get(name) as QueueRow | undefined;
    return row ? toQueue(row) : undefined;
  }

  insertQueue(name: string, attributes: Record<string, string>, tags: Record<string, string>, now: number): Queue {
    const result = this.sql.insertQueue.run(name, JSON.stringify(attributes), JSON.stringify(tags), now, now);
    return new Queue({ id: Number(result.lastInsertRowid), name, attributes, tags, createdAt: now, modifiedAt: now });
  }

  updateQueue(queue: Queue, attributes: Record<string, string>, tags: Record<string, string>, now: number): Queue {
    this.sql.updateQueue.run(JSON.stringify(attributes), JSON.stringify(tags), now, queue.id);
    return new Queue({ id: queue.id, name: queue.name, attributes, tags, createdAt: queue.createdAt, modifiedAt: now });
  }

  deleteQueue(queueId: number): void {
    this.db.transaction(() => {
      this.sql.purge.run(queueId);
      this.sql.deleteQueue.run(queueId);
    })();
  }

  insertMessage(queueId: number, message: NewMessage): void {
    const attributes = message.attributes ? serializeAttributes(message.attributes) : null;
    this.sql.insertMessage.run(queueId, message.id, message.body, attributes, message.md5OfBody, message.md5OfAttributes ?? null, message.sentAt, message.visibleAt);
  }

  /** Visible, unexpired messages in delivery order. */
  candidates(queueId: number, now: number, cutoff: number, limit: number): StoredMessage[] {
    const statement = this.sql.candidates[Math.min(Math.max(limit, 0), MAX_RECEIVE)] as Statement;
    return (statement.all(queueId, now, cutoff) as MessageRow[]).map(toMessage);
  }

  markReceived(seq: number, visibleAt: number, receiveCount: number, firstReceivedAt: number): void {
    this.sql.markReceived.run(visibleAt, receiveCount, firstReceivedAt, seq);
  }

  /**
   * Moves a message to its dead-letter queue; it keeps its id, send time and receive count, and
   * remembers the queue it came from (`source`), where a message move task returns it.
   */
  move(seq: number, targetQueueId: number, visibleAt: number, source: string): void {
    this.sql.move.run(targetQueueId, visibleAt, source, seq);
  }

  /** Moves a message out of a dead-letter queue (a message move task): received never, visible now, sent now. */
  redrive(seq: number, targetQueueId: number, now: number): void {
    this.sql.redrive.run(targetQueueId, now, now, seq);
  }

  message(queueId: number, messageId: string): StoredMessage | undefined {
    const row = this.sql.message.get(messageId, queueId) as MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  deleteMessage(queueId: number, messageId: string): boolean {
    return this.sql.deleteMessage.run(messageId, queueId).changes > 0;
  }

  setVisibleAt(seq: number, visibleAt: number): void {
    this.sql.setVisibleAt.run(visibleAt, seq);
  }

  counts(queueId: number, now: number, cutoff: number): { visible: number; inFlight: number; delayed: number } {
    return this.sql.counts.get({ queue: queueId, now, cutoff }) as { visible: number; inFlight: number; delayed: number };
  }

  /** The earliest instant after `now` at which a hidden message of the queue becomes visible. */
  nextVisibleAt(queueId: number, now: number): number | undefined {
    const row = this.sql.nextVisibleAt.get(queueId, now) as { at: number | null };
    return row.at ?? undefined;
  }

  purge(queueId: number): void {
    this.sql.purge.run(queueId);
  }

  expire(queueId: number, cutoff: number): number {
    return this.sql.expire.run(queueId, cutoff).changes;
  }
}

function prepareStatements(db: StateDb) {
  return {
    queues: db.prepare('SELECT * FROM sqs_queues ORDER BY name'),
    queueByName: db.prepare('SELECT * FROM sqs_queues WHERE name = ?'),
    insertQueue: db.prepare('INSERT INTO sqs_queues (name, attributes, tags, created_at, modified_at) VALUES (?, ?, ?, ?, ?)'),
    updateQueue: db.prepare('UPDATE sqs_queues SET attributes = ?, tags = ?, modified_at = ? WHERE id = ?'),
    deleteQueue: db.prepare('DELETE FROM sqs_queues WHERE id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO sqs_messages (queue_id, id, body, attributes, md5_body, md5_attributes, sent_at, visible_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // one statement per limit: a bound `LIMIT ?` makes SQLite's query several times slower here
    candidates: Array.from({ length: MAX_RECEIVE + 1 }, (_, limit) =>
      db.prepare(`SELECT * FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? AND sent_at > ? ORDER BY visible_at, seq LIMIT ${limit}`),
    ),
    markReceived: db.prepare('UPDATE sqs_messages SET visible_at = ?, receive_count = ?, first_received_at = ? WHERE seq = ?'),
    move: db.prepare('UPDATE sqs_messages SET queue_id = ?, visible_at = ?, dead_letter_source = ? WHERE seq = ?'),
    redrive: db.prepare(
      'UPDATE sqs_messages SET queue_id = ?, visible_at = ?, sent_at = ?, receive_count = 0, first_received_at = NULL, dead_letter_source = NULL WHERE seq = ?',
    ),
    message: db.prepare('SELECT * FROM sqs_messages WHERE id = ? AND queue_id = ?'),
    deleteMessage: db.prepare('DELETE FROM sqs_messages WHERE id = ? AND queue_id = ?'),
    setVisibleAt: db.prepare('UPDATE sqs_messages SET visible_at = ? WHERE seq = ?'),
    counts: db.prepare(
      `SELECT COALESCE(SUM(visible_at <= @now), 0) AS visible,
              COALESCE(SUM(visible_at > @now AND receive_count > 0), 0) AS inFlight,
              COALESCE(SUM(visible_at > @now AND receive_count = 0), 0) AS delayed
       FROM sqs_messages WHERE queue_id = @queue AND sent_at > @cutoff`,
    ),
    nextVisibleAt: db.prepare('SELECT MIN(visible_at) AS at FROM sqs_messages WHERE queue_id = ? AND visible_at > ?'),
    purge: db.prepare('DELETE FROM sqs_messages WHERE queue_id = ?'),
    expire: db.prepare('DELETE FROM sqs_messages WHERE queue_id = ? AND sent_at <= ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function toQueue(row: QueueRow): Queue {
  return new Queue({
    id: row.id,
    name: row.name,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  });
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    seq: row.seq,
    queueId: row.queue_id,
    id: row.id,
    body: row.body,
    attributes: row.attributes === null ? undefined : deserializeAttributes(row.attributes),
    md5OfBody: row.md5_body,
    md5OfAttributes: row.md5_attributes ?? undefined,
    sentAt: row.sent_at,
    visibleAt: row.visible_at,
    receiveCount: row.receive_count,
    firstReceivedAt: row.first_received_at ?? undefined,
    deadLetterSource: row.dead_letter_source ?? undefined,
  };
}

/** Databases written before message move tasks lack the column that remembers a dead letter's source queue. */
function addDeadLetterSource(db: StateDb): void {
  const columns = db.prepare('PRAGMA table_info(sqs_messages)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'dead_letter_source')) db.exec('ALTER TABLE sqs_messages ADD COLUMN dead_letter_source TEXT');
}

type StoredAttribute = { DataType: string; StringValue?: string; BinaryValue?: string };

function serializeAttributes(attributes: MessageAttributes): string {
  const stored: Record<string, StoredAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    stored[name] = value.BinaryValue
      ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
      : { DataType: value.DataType, StringValue: value.StringValue ?? '' };
  }
  return JSON.stringify(stored);
}

function deserializeAttributes(json: string): MessageAttributes {
  const stored = JSON.parse(json) as Record<string, StoredAttribute>;
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(stored)) {
    attributes[name] =
      value.BinaryValue === undefined
        ? { DataType: value.DataType, StringValue: value.StringValue ?? '' }
        : { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue, 'base64') };
  }
  return attributes;
}
