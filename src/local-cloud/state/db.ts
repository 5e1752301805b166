import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type StateDb = Database.Database;

/**
 * Opens the local cloud's one embedded state database (queues, checkpoints, target retries).
 * WAL mode with `synchronous=NORMAL` survives a process crash (kill -9) without losing committed
 * transactions; only an OS crash may lose the last ones. `:memory:` for tests.
 */
export function openStateDb(file: string): StateDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
