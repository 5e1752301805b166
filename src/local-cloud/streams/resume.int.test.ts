import { UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore } from './checkpoints.ts';
import { capturingLogger, consumer, createTable, ddb, put, startReader, stateFile } from './reader.fixtures.ts';

describe('StreamReader checkpoints and recovery', () => {
  it('continues from durable checkpoints after a restart without re-delivering', async () => {
    const { tableName, streamArn } = await createTable();
    const file = stateFile();
    for (let i = 0; i < 6; i++) await put(tableName, `k${i}`);
    const firstDb = openStateDb(file);
    const first = consumer();
    const firstReader = startReader({ streamArn, consumerId: 'pipe:restart', checkpoints: new CheckpointStore(firstDb), onBatch: first.onBatch, batchSize: 2 });
    await waitFor(() => first.records().length >= 2);
    await firstReader.stop();
    firstDb.close();
    for (let i = 6; i < 9; i++) await put(tableName, `k${i}`);

    const second = consumer();
    const secondDb = openStateDb(file);
    const secondReader = startReader({ streamArn, consumerId: 'pipe:restart', checkpoints: new CheckpointStore(secondDb), onBatch: second.onBatch });
    await secondReader.caughtUp();

    expect(first.keys().length).toBeLessThan(9);
    expect([...first.keys(), ...second.keys()]).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    secondDb.close();
  });

  it('delivers a batch again from the last checkpoint when onBatch throws', async () => {
    const { tableName, streamArn } = await createTable();
    for (let i = 0; i < 3; i++) await put(tableName, `k${i}`);
    const sink = consumer((_batch, call) => {
      if (call === 2) throw new Error('target unavailable');
    });
    const logger = capturingLogger();

    const reader = startReader({ streamArn, onBatch: sink.onBatch, batchSize: 2, logger });
    await reader.caughtUp();

    const delivered = sink.batches.map((batch) => batch.records.map((record) => record.dynamodb.Keys.pk?.S));
    expect(delivered).toEqual([['k0', 'k1'], ['k2'], ['k2']]);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error' }));
  });

  it('LATEST skips older records, and its starting point survives a restart', async () => {
    const { tableName, streamArn } = await createTable();
    await put(tableName, 'before-start');
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const first = consumer();
    const firstReader = startReader({ streamArn, consumerId: 'esm:latest', checkpoints, startingPosition: 'LATEST', onBatch: first.onBatch });
    await firstReader.caughtUp();
    await firstReader.stop();
    await put(tableName, 'while-stopped');

    const second = consumer();
    const secondReader = startReader({ streamArn, consumerId: 'esm:latest', checkpoints, startingPosition: 'LATEST', onBatch: second.onBatch });
    await secondReader.caughtUp();
    await put(tableName, 'after-start');
    await secondReader.caughtUp();

    expect(first.keys()).toEqual([]);
    expect(second.keys()).toEqual(['while-stopped', 'after-start']);
  });

  it('LATEST on an empty stream still gets the records written before a restart', async () => {
    const { tableName, streamArn } = await createTable();
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const firstReader = startReader({ streamArn, consumerId: 'esm:empty', checkpoints, startingPosition: 'LATEST', onBatch: consumer().onBatch });
    await firstReader.caughtUp();
    await firstReader.stop();
    await put(tableName, 'while-stopped');

    const sink = consumer();
    const reader = startReader({ streamArn, consumerId: 'esm:empty', checkpoints, startingPosition: 'LATEST', onBatch: sink.onBatch });
    await reader.caughtUp();

    expect(sink.keys()).toEqual(['while-stopped']);
  });

  it('finishes the shard of a disabled stream and keeps running when it is re-enabled', async () => {
    const { tableName, streamArn } = await createTable();
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const logger = capturingLogger();
    const sink = consumer();
    const reader = startReader({ streamArn, consumerId: 'pipe:disabled', checkpoints, onBatch: sink.onBatch, logger });
    await put(tableName, 'k0');
    await reader.caughtUp();

    await ddb.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
    await ddb.send(
      new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
    );
    await put(tableName, 'on-the-new-stream');
    await reader.caughtUp();

    expect(sink.keys()).toEqual(['k0']);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('DISABLED') }));
    expect(sink.batches[0] && checkpoints.get('pipe:disabled', sink.batches[0].shardId)?.done).toBe(true);
  });
});
