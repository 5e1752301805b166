import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore } from '../streams/checkpoints.ts';
import { consumer, createTable, put, startReader } from '../streams/reader.fixtures.ts';
import { unreadDynamoDbRecords } from './unread-records.ts';

const streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => streams.destroy());

describe('unreadDynamoDbRecords: records after a consumer’s checkpoint, as the StreamReader keeps it', () => {
  it('is true before the reader read, false once it caught up and checkpointed, true again after a write', async () => {
    const { tableName, streamArn } = await createTable();
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    const consumerId = 'pipe:settle-probe';
    await put(tableName, 'k0');
    await put(tableName, 'k1');
    const unread = () => unreadDynamoDbRecords(streams, checkpoints, consumerId, streamArn);

    const beforeReading = await unread();
    const sink = consumer();
    const reader = startReader({ streamArn, consumerId, checkpoints, onBatch: sink.onBatch });
    await reader.caughtUp();
    const caughtUp = await unread();
    await reader.stop();
    await put(tableName, 'k2');
    const afterWrite = await unread();

    expect(beforeReading).toBe(true);
    expect(sink.keys()).toEqual(['k0', 'k1']);
    expect(caughtUp).toBe(false);
    expect(afterWrite).toBe(true);
  });

  it('counts a batch the consumer failed (not checkpointed) as unread', async () => {
    const { tableName, streamArn } = await createTable();
    const checkpoints = new CheckpointStore(openStateDb(':memory:'));
    await put(tableName, 'k0');
    const failing = consumer(() => {
      throw new Error('target unavailable');
    });

    const reader = startReader({ streamArn, consumerId: 'esm:settle-failing', checkpoints, onBatch: failing.onBatch, retryDelayMs: { min: 60_000, max: 60_000 } });
    await waitFor(() => failing.batches.length >= 1, { timeoutMs: 10_000, description: 'the first batch' });

    expect(await unreadDynamoDbRecords(streams, checkpoints, 'esm:settle-failing', streamArn)).toBe(true);
    await reader.stop();
  });
});
