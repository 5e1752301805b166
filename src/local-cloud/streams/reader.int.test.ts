import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore } from './checkpoints.ts';
import { consumer, createTable, ddb, put, startReader } from './reader.fixtures.ts';

describe('StreamReader delivery', () => {
  it('delivers INSERT, MODIFY and REMOVE in per-item order with their images', async () => {
    const { tableName, streamArn } = await createTable();
    for (const pk of ['a', 'b', 'c']) await put(tableName, pk, { status: 'new' });
    for (const pk of ['c', 'a', 'b']) {
      await ddb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: pk } },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'paid' } },
        }),
      );
    }
    for (const pk of ['b', 'a', 'c']) await ddb.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: pk } } }));
    const sink = consumer();

    const reader = startReader({ streamArn, onBatch: sink.onBatch });
    await reader.caughtUp();

    for (const pk of ['a', 'b', 'c']) {
      const ofItem = sink.records().filter((record) => record.dynamodb.Keys.pk?.S === pk);
      expect(ofItem.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
      const [inserted, modified, removed] = ofItem;
      expect(inserted?.dynamodb.NewImage).toEqual({ pk: { S: pk }, status: { S: 'new' } });
      expect(modified?.dynamodb).toMatchObject({ OldImage: { status: { S: 'new' } }, NewImage: { status: { S: 'paid' } } });
      expect(removed?.dynamodb).toMatchObject({ OldImage: { pk: { S: pk }, status: { S: 'paid' } } });
      expect(removed?.dynamodb).not.toHaveProperty('NewImage');
    }
    const sequence = sink.records().map((record) => BigInt(record.dynamodb.SequenceNumber));
    expect(sequence).toEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)));
    expect(sink.records()[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: streamArn, eventVersion: '1.1' });
  });

  it('reports a DynamoDB Local TTL delete as a REMOVE by the DynamoDB service', async () => {
    const { tableName, streamArn } = await createTable();
    await ddb.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
    const expired = String(Math.floor(Date.now() / 1000) - 60);
    await ddb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'expiring' }, ttl: { N: expired } } }));
    const sink = consumer();

    startReader({ streamArn, onBatch: sink.onBatch });
    await waitFor(() => sink.records().length === 2, { timeoutMs: 15_000, description: 'the TTL delete' });

    expect(sink.records()[1]).toMatchObject({
      eventName: 'REMOVE',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: { Keys: { pk: { S: 'expiring' } }, OldImage: { ttl: { N: expired } } },
    });
  });

  it('stop() waits for the batch being handled', async () => {
    const { tableName, streamArn } = await createTable();
    await put(tableName, 'k0');
    let release = () => {};
    const handling = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const reader = startReader({
      streamArn,
      onBatch: async () => {
        started = true;
        await handling;
        finished = true;
      },
    });
    await waitFor(() => started);

    const stopped = reader.stop().then(() => finished);
    release();

    expect(await stopped).toBe(true);
  });

  it('hands over at most batchSize records per batch', async () => {
    const { tableName, streamArn } = await createTable();
    for (let i = 0; i < 7; i++) await put(tableName, `k${i}`);
    const sink = consumer();

    const reader = startReader({ streamArn, onBatch: sink.onBatch, batchSize: 3 });
    await reader.caughtUp();

    expect(sink.batches.map((batch) => batch.records.length)).toEqual([3, 3, 1]);
    expect(sink.keys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
  });

  it('waits up to maximumBatchingWindowMs to fill a batch', async () => {
    const { tableName, streamArn } = await createTable();
    const sink = consumer();
    const reader = startReader({ streamArn, onBatch: sink.onBatch, batchSize: 10, maximumBatchingWindowMs: 1_000 });
    await reader.caughtUp();

    for (let i = 0; i < 4; i++) await put(tableName, `k${i}`);
    await waitFor(() => sink.batches.length > 0, { timeoutMs: 5_000 });

    expect(sink.batches.map((batch) => batch.records.length)).toEqual([4]);
  });

  it('TRIM_HORIZON gets the records written before start', async () => {
    const { tableName, streamArn } = await createTable();
    await put(tableName, 'old');
    const sink = consumer();

    const reader = startReader({ streamArn, onBatch: sink.onBatch, startingPosition: 'TRIM_HORIZON' });
    await put(tableName, 'new');
    await reader.caughtUp();

    expect(sink.keys()).toEqual(['old', 'new']);
  });

  it('gives every consumer of one stream every record', async () => {
    const { tableName, streamArn } = await createTable();
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const pipe = consumer();
    const mapping = consumer();
    const readersOfStream = [
      startReader({ streamArn, consumerId: 'pipe:one', checkpoints, onBatch: pipe.onBatch }),
      startReader({ streamArn, consumerId: 'esm:two', checkpoints, onBatch: mapping.onBatch }),
    ];

    for (let i = 0; i < 5; i++) await put(tableName, `k${i}`);
    await Promise.all(readersOfStream.map((reader) => reader.caughtUp()));

    expect(pipe.keys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(mapping.keys()).toEqual(pipe.keys());
  });
});
