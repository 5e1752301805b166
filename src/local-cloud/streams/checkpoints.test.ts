import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs.ts';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore } from './checkpoints.ts';

const tempDir = tempDirs('eventloom-checkpoints-');

describe('CheckpointStore', () => {
  it('keeps one position per consumer and shard', () => {
    const store = new CheckpointStore(openStateDb(':memory:'));

    store.save('pipe:a', 'shard-1', '0005');
    store.save('pipe:a', 'shard-1', '0009');
    store.save('pipe:b', 'shard-1', '0002');

    expect(store.get('pipe:a', 'shard-1')).toEqual({ sequenceNumber: '0009', done: false });
    expect(store.get('pipe:b', 'shard-1')).toEqual({ sequenceNumber: '0002', done: false });
    expect(store.get('pipe:a', 'shard-2')).toBeUndefined();
    expect(store.hasAny('pipe:a')).toBe(true);
    expect(store.hasAny('pipe:c')).toBe(false);
  });

  it('marks a shard finished, keeping its last position', () => {
    const store = new CheckpointStore(openStateDb(':memory:'));

    store.save('esm:fn', 'shard-1', '0009');
    store.markShardDone('esm:fn', 'shard-1');
    store.markShardDone('esm:fn', 'shard-0');
    store.save('esm:fn', 'shard-2', '0011', { shardDone: true });

    expect(store.get('esm:fn', 'shard-1')).toEqual({ sequenceNumber: '0009', done: true });
    expect(store.get('esm:fn', 'shard-0')).toEqual({ sequenceNumber: undefined, done: true });
    expect(store.get('esm:fn', 'shard-2')).toEqual({ sequenceNumber: '0011', done: true });
  });

  it('records a start-of-shard position without a sequence number', () => {
    const store = new CheckpointStore(openStateDb(':memory:'));

    store.saveShardStart('esm:fn', 'shard-1');

    expect(store.get('esm:fn', 'shard-1')).toEqual({ sequenceNumber: undefined, done: false });
    expect(store.hasAny('esm:fn')).toBe(true);
  });

  it('commits or rolls back with the consumer’s own transaction', () => {
    const db = openStateDb(':memory:');
    const store = new CheckpointStore(db);
    db.exec('CREATE TABLE test_outbox (body TEXT)');
    const enqueue = db.prepare('INSERT INTO test_outbox (body) VALUES (?)');

    db.transaction(() => {
      enqueue.run('first');
      store.save('pipe:a', 'shard-1', '0001');
    })();
    expect(() =>
      db.transaction(() => {
        enqueue.run('second');
        store.save('pipe:a', 'shard-1', '0002');
        throw new Error('target unavailable');
      })(),
    ).toThrow('target unavailable');

    expect(store.get('pipe:a', 'shard-1')?.sequenceNumber).toBe('0001');
    expect(db.prepare('SELECT count(*) AS n FROM test_outbox').get()).toEqual({ n: 1 });
  });

  it('survives closing and reopening the state database file', () => {
    const dir = tempDir();
    const file = join(dir, 'state.db');
    const first = openStateDb(file);
    new CheckpointStore(first).save('pipe:a', 'shard-1', '0042');
    first.close();

    const reopened = openStateDb(file);

    expect(new CheckpointStore(reopened).get('pipe:a', 'shard-1')).toEqual({ sequenceNumber: '0042', done: false });
    reopened.close();
  });
});
