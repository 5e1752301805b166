import type Database from 'better-sqlite3';
import type { StateDb } from '../state/db.ts';

/** Where a consumer stands in one shard. */
export interface Checkpoint {
  /** The last record the consumer finished; `undefined`: read the shard from its first record. */
  sequenceNumber: string | undefined;
  /** The shard is closed and every record of it was checkpointed: its children may be read. */
  done: boolean;
}

interface Row {
  sequence_number: string | null;
  done: number;
}

/**
 * Durable stream checkpoints in the local cloud's state database, keyed by consumer and shard.
 * Every method is synchronous so a consumer can checkpoint inside its own `db.transaction()`,
 * together with its own writes (a pipe enqueues a batch and advances in one commit).
 *
 * @example
 * const checkpoints = new CheckpointStore(db);
 * db.transaction(() => {
 *   enqueue(batch.records);
 *   checkpoints.save('pipe:orders', batch.shardId, lastSequenceNumber);
 * })();
 */
export class CheckpointStore {
  readonly db: StateDb;
  private readonly selectOne: Database.Statement<[string, string], Row>;
  private readonly selectAny: Database.Statement<[string], { found: number }>;
  private readonly upsert: Database.Statement<[string, string, string | null, number]>;
  private readonly setDone: Database.Statement<[string, string]>;
  private readonly selectConsumer: Database.Statement<[string], { shard_id: string; sequence_number: string | null; done: number }>;

  constructor(db: StateDb) {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS streams_checkpoints (
      consumer_id TEXT NOT NULL,
      shard_id TEXT NOT NULL,
      sequence_number TEXT,
      done INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (consumer_id, shard_id)
    ) WITHOUT ROWID`);
    this.selectOne = db.prepare<[string, string], Row>(
      'SELECT sequence_number, done FROM streams_checkpoints WHERE consumer_id = ? AND shard_id = ?',
    );
    this.selectAny = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM streams_checkpoints WHERE consumer_id = ? LIMIT 1');
    this.upsert = db.prepare<[string, string, string | null, number]>(
      `INSERT INTO streams_checkpoints (consumer_id, shard_id, sequence_number, done) VALUES (?, ?, ?, ?)
       ON CONFLICT (consumer_id, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, done = excluded.done`,
    );
    this.selectConsumer = db.prepare('SELECT shard_id, sequence_number, done FROM streams_checkpoints WHERE consumer_id = ? ORDER BY shard_id');
    this.setDone = db.prepare<[string, string]>(
      `INSERT INTO streams_checkpoints (consumer_id, shard_id, sequence_number, done) VALUES (?, ?, NULL, 1)
       ON CONFLICT (consumer_id, shard_id) DO UPDATE SET done = 1`,
    );
  }

  get(consumerId: string, shardId: string): Checkpoint | undefined {
    const row = this.selectOne.get(consumerId, shardId);
    return row && { sequenceNumber: row.sequence_number ?? undefined, done: row.done === 1 };
  }

  /** Records that `consumerId` finished every record of `shardId` up to `sequenceNumber`. */
  save(consumerId: string, shardId: string, sequenceNumber: string, options: { shardDone?: boolean } = {}): void {
    this.upsert.run(consumerId, shardId, sequenceNumber, options.shardDone ? 1 : 0);
  }

  /** Records that `consumerId` reads `shardId` from its first record (a shard that was empty when a LATEST consumer began). */
  saveShardStart(consumerId: string, shardId: string): void {
    this.upsert.run(consumerId, shardId, null, 0);
  }

  /** The shard is closed and fully consumed; keeps the last sequence number. */
  markShardDone(consumerId: string, shardId: string): void {
    this.setDone.run(consumerId, shardId);
  }

  /** Where `consumerId` stands in each shard it has read (the dashboard's stream positions). */
  positions(consumerId: string): { shardId: string; checkpoint: Checkpoint }[] {
    return this.selectConsumer.all(consumerId).map((row) => ({ shardId: row.shard_id, checkpoint: { sequenceNumber: row.sequence_number ?? undefined, done: row.done === 1 } }));
  }

  /** Whether `consumerId` has ever checkpointed anything (a LATEST consumer picks its start only once). */
  hasAny(consumerId: string): boolean {
    return this.selectAny.get(consumerId) !== undefined;
  }
}
