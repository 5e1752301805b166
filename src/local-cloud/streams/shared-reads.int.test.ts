import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore } from './checkpoints.ts';
import { consumer, createTable, put, startReader, stateFile, streams } from './reader.fixtures.ts';
import { StreamFeeds } from './stream-feeds.ts';

const keys = (count: number, prefix = 'k') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('StreamReaders sharing one read per shard', () => {
  it('give a slow and a fast consumer every record in order, the slow one falling behind the shared window', async () => {
    const { tableName, streamArn } = await createTable();
    const feeds = new StreamFeeds({ client: streams, capacity: 5 });
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const fast = consumer();
    const slow = consumer();
    const fastReader = startReader({ streamArn, feeds, checkpoints, consumerId: 'fast', onBatch: fast.onBatch });
    const slowReader = startReader({
      streamArn,
      feeds,
      checkpoints,
      consumerId: 'slow',
      batchSize: 1,
      onBatch: async (batch) => {
        await sleep(20);
        await slow.onBatch(batch);
      },
    });

    for (const key of keys(30)) await put(tableName, key);
    await Promise.all([fastReader.caughtUp(), slowReader.caughtUp()]);

    expect(fast.keys()).toEqual(keys(30));
    expect(slow.keys()).toEqual(keys(30));
    expect(feeds.getRecordsCount(streamArn)).toBeGreaterThan(0);
  });

  it('keep delivering to one consumer while another one fails', async () => {
    const { tableName, streamArn } = await createTable();
    const feeds = new StreamFeeds({ client: streams });
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    let failing = true;
    const healthy = consumer();
    const flaky = consumer(() => {
      if (failing) throw new Error('downstream is down');
    });
    startReader({ streamArn, feeds, checkpoints, consumerId: 'healthy', onBatch: healthy.onBatch });
    const flakyReader = startReader({ streamArn, feeds, checkpoints, consumerId: 'flaky', onBatch: flaky.onBatch });

    for (const key of keys(10)) await put(tableName, key);
    await waitFor(() => healthy.keys().length === 10, { timeoutMs: 15_000, description: 'the healthy consumer got every record' });
    expect(healthy.keys()).toEqual(keys(10));
    expect(checkpoints.positions('flaky')).toEqual([]);

    failing = false;
    await flakyReader.caughtUp();
    // Every failed batch came back from the checkpoint: the records after the failures, in order.
    const delivered = flaky.batches.at(-1)!.records.map((record) => record.dynamodb.Keys.pk?.S);
    expect(delivered).toEqual(keys(10));
  });

  it('resume each consumer from its own checkpoint after a restart', async () => {
    const { tableName, streamArn } = await createTable();
    const file = stateFile();
    const ids = { behind: `behind-${randomUUID()}`, ahead: `ahead-${randomUUID()}` };
    const first = { checkpoints: new CheckpointStore(openStateDb(file)), feeds: new StreamFeeds({ client: streams }) };
    const behind = startReader({ streamArn, ...first, consumerId: ids.behind, onBatch: consumer().onBatch });
    const ahead = startReader({ streamArn, ...first, consumerId: ids.ahead, onBatch: consumer().onBatch });
    for (const key of keys(5, 'a')) await put(tableName, key);
    await Promise.all([behind.caughtUp(), ahead.caughtUp()]);
    await behind.stop();
    for (const key of keys(5, 'b')) await put(tableName, key);
    await ahead.caughtUp();
    await ahead.stop();
    first.checkpoints.db.close();

    const second = { checkpoints: new CheckpointStore(openStateDb(file)), feeds: new StreamFeeds({ client: streams }) };
    const behindAgain = consumer();
    const aheadAgain = consumer();
    const readers = [
      startReader({ streamArn, ...second, consumerId: ids.behind, onBatch: behindAgain.onBatch }),
      startReader({ streamArn, ...second, consumerId: ids.ahead, onBatch: aheadAgain.onBatch }),
    ];
    for (const key of keys(2, 'c')) await put(tableName, key);
    await Promise.all(readers.map((reader) => reader.caughtUp()));

    expect(behindAgain.keys()).toEqual([...keys(5, 'b'), ...keys(2, 'c')]);
    expect(aheadAgain.keys()).toEqual(keys(2, 'c'));
  });
  it('answer a woken reader with a GetRecords made after the wake-up, not one made just before it', async () => {
    // Prepare: neither the poll interval nor the shared-read gap runs out during the test.
    const { tableName, streamArn } = await createTable();
    const feeds = new StreamFeeds({ client: streams, minFetchGapMs: 30_000 });
    const seen = consumer();
    const reader = startReader({ streamArn, feeds, consumerId: 'woken', pollIntervalMs: { min: 30_000, max: 30_000 }, onBatch: seen.onBatch });
    await waitFor(() => feeds.getRecordsCount(streamArn) > 0, { description: 'the first (empty) read' });

    // Act
    await put(tableName, 'a');
    reader.notify();
    await waitFor(() => seen.keys().length === 1, { timeoutMs: 5_000, description: 'the record written after the first read' });
    await put(tableName, 'b');
    reader.notify();

    // Assess
    await waitFor(() => seen.keys().length === 2, { timeoutMs: 5_000, description: 'the second record' });
    expect(seen.keys()).toEqual(['a', 'b']);
  });
});
