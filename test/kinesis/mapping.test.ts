import { DescribeStreamSummaryCommand, ListShardsCommand, PutRecordCommand, SplitShardCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { createKinesisClient } from '../../src/platform/kinesis.ts';
import { kinesisApp } from '../fixtures/apps/kinesis-app.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { dataOf, drainQueue, eventually, idsOf, invocations, putJson } from './support.ts';

const eventsDir = mkdtempSync(join(tmpdir(), 'eventloom-kinesis-'));
const apps = [
  kinesisApp('kord', eventsDir, { ordered: { startingPosition: 'TRIM_HORIZON', batchSize: 3 } }, { shardCount: 2 }),
  kinesisApp('kpart', eventsDir, { partial: { startingPosition: 'TRIM_HORIZON', reportBatchItemFailures: true, maximumBatchingWindowInSeconds: 1 } }),
  kinesisApp('kbis', eventsDir, {
    bisect: { startingPosition: 'TRIM_HORIZON', bisectBatchOnFunctionError: true, maximumRetryAttempts: 0, maximumBatchingWindowInSeconds: 1, onFailureQueue: 'failures' },
  }),
  kinesisApp('kexh', eventsDir, { exhaust: { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 1, maximumBatchingWindowInSeconds: 1, onFailureQueue: 'failures' } }),
  kinesisApp('kpar', eventsDir, { parallel: { startingPosition: 'TRIM_HORIZON', parallelizationFactor: 3, maximumBatchingWindowInSeconds: 1 } }),
  kinesisApp('ksplit', eventsDir, { split: { startingPosition: 'TRIM_HORIZON' } }),
  kinesisApp('kfil', eventsDir, { filtered: { startingPosition: 'TRIM_HORIZON', filterCriteria: { patterns: [{ data: { kind: ['keep'] } }] } } }),
];

let cloud: LocalCloud;
let client: KinesisClient;
let sqs: SQSClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps });
  const config = { endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials };
  client = createKinesisClient(config);
  sqs = new SQSClient(config);
});

afterAll(async () => {
  client?.destroy();
  sqs?.destroy();
  await cloud?.stop();
  rmSync(eventsDir, { recursive: true, force: true });
});

const queueUrl = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
const streamArn = (app: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${app}-events`;

// Every test has its own app and stream: they run at once.
describe.concurrent('Kinesis event source mapping', () => {
  it("delivers records in AWS's shape, in per-shard order, at most BatchSize at a time", async ({ expect }) => {
    const keys = ['a', 'b', 'c', 'd'];
    const before = Math.floor(Date.now() / 1000);
    const puts = await putJson(client, 'kord-events', [...Array(12).keys()].map((i) => [keys[i % 4]!, { id: `r${i}` }] as const));
    const single = await client.send(new PutRecordCommand({ StreamName: 'kord-events', PartitionKey: 'a', Data: Buffer.from(JSON.stringify({ id: 'r12' })) }));

    const batches = await eventually(() => invocations(eventsDir, 'ordered').flat().length === 13 && invocations(eventsDir, 'ordered'), '13 records');

    expect(Math.max(...batches.map((records) => records.length))).toBeLessThanOrEqual(3);
    for (const records of batches) expect(new Set(records.map((r) => r.eventID.split(':')[0])).size).toBe(1);
    const delivered = batches.flat();
    const expected = [...puts, { shardId: single.ShardId!, sequenceNumber: single.SequenceNumber! }];
    for (const shardId of new Set(expected.map((p) => p.shardId))) {
      const inShard = (p: { shardId: string }) => p.shardId === shardId;
      expect(delivered.filter((r) => r.eventID.startsWith(`${shardId}:`)).map((r) => r.kinesis.sequenceNumber)).toEqual(expected.filter(inShard).map((p) => p.sequenceNumber));
    }
    const first = delivered.find((r) => dataOf(r).id === 'r0')!;
    expect(first).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'a',
        sequenceNumber: puts[0]!.sequenceNumber,
        data: Buffer.from(JSON.stringify({ id: 'r0' })).toString('base64'),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${puts[0]!.shardId}:${puts[0]!.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/kord-ordered-role',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn('kord'),
    });
    // Epoch seconds, not milliseconds.
    expect(first.kinesis.approximateArrivalTimestamp).toBeGreaterThanOrEqual(before);
    expect(first.kinesis.approximateArrivalTimestamp).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('ReportBatchItemFailures retries from the lowest failed sequence number without redelivering earlier records', async ({ expect }) => {
    await putJson(client, 'kpart-events', [
      ['p', { id: 'p1' }],
      ['p', { id: 'p2' }],
      ['p', { id: 'p3', mode: 'fail-once' }],
      ['p', { id: 'p4', mode: 'fail-once' }],
      ['p', { id: 'p5' }],
    ]);

    await eventually(() => invocations(eventsDir, 'partial').length === 2, 'the retry');

    expect(idsOf(invocations(eventsDir, 'partial'))).toEqual([
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p3', 'p4', 'p5'],
    ]);
  });

  it('bisects a failing batch, sends the poison record to the on-failure queue and moves on', async ({ expect }) => {
    const puts = await putJson(client, 'kbis-events', [
      ['k', { id: 'b1' }],
      ['k', { id: 'b2', mode: 'throw' }],
      ['k', { id: 'b3' }],
      ['k', { id: 'b4' }],
    ]);
    const url = await queueUrl('kbis-failures');

    const failures = await eventually(async () => {
      const received = await drainQueue(sqs, url);
      return received.length > 0 && received;
    }, 'a failure record');
    await eventually(() => idsOf(invocations(eventsDir, 'bisect')).at(-1)?.includes('b4'), 'the records after the poison one');

    expect(idsOf(invocations(eventsDir, 'bisect'))).toEqual([['b1', 'b2', 'b3', 'b4'], ['b1', 'b2'], ['b1'], ['b2'], ['b3', 'b4']]);
    expect(failures).toEqual([
      {
        requestContext: { requestId: expect.any(String), functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:kbis-bisect', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        KinesisBatchInfo: {
          shardId: puts[1]!.shardId,
          startSequenceNumber: puts[1]!.sequenceNumber,
          endSequenceNumber: puts[1]!.sequenceNumber,
          approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          batchSize: 1,
          streamArn: streamArn('kbis'),
        },
      },
    ]);
  });

  it('discards a batch out of retries to the on-failure queue and advances the checkpoint', async ({ expect }) => {
    const puts = await putJson(client, 'kexh-events', [
      ['x', { id: 'x1', mode: 'throw' }],
      ['x', { id: 'x2' }],
    ]);
    const url = await queueUrl('kexh-failures');
    const failures = await eventually(async () => {
      const received = await drainQueue(sqs, url);
      return received.length > 0 && (received as { requestContext: object; KinesisBatchInfo: object }[]);
    }, 'a failure record');
    const consumer = `esm:kexh-exhaust:${streamArn('kexh')}`;
    const checkpoint = () => cloud.services.checkpoints.get(consumer, puts[0]!.shardId)?.sequenceNumber;
    const afterDiscard = checkpoint();
    const [x3] = await putJson(client, 'kexh-events', [['x', { id: 'x3' }]]);

    await eventually(() => checkpoint() === x3!.sequenceNumber, 'the next record checkpointed');

    expect(idsOf(invocations(eventsDir, 'exhaust'))).toEqual([['x1', 'x2'], ['x1', 'x2'], ['x3']]);
    expect(failures[0]?.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 });
    expect(failures[0]?.KinesisBatchInfo).toMatchObject({ startSequenceNumber: puts[0]!.sequenceNumber, endSequenceNumber: puts[1]!.sequenceNumber, batchSize: 2 });
    expect(afterDiscard).toBe(puts[1]!.sequenceNumber);
  });

  it('filter criteria match the JSON data of a record', async ({ expect }) => {
    await putJson(client, 'kfil-events', [
      ['f', { id: 'f1', kind: 'drop' }],
      ['f', { id: 'f2', kind: 'keep' }],
    ]);
    await client.send(new PutRecordCommand({ StreamName: 'kfil-events', PartitionKey: 'f', Data: Buffer.from('not json') }));
    await putJson(client, 'kfil-events', [['f', { id: 'f3', kind: 'keep' }]]);

    await eventually(() => invocations(eventsDir, 'filtered').flat().length === 2, 'the kept records');

    expect(idsOf(invocations(eventsDir, 'filtered')).flat()).toEqual(['f2', 'f3']);
  });

  it('reads a split shard to its end before its children, keeping per-partition-key order', async ({ expect }) => {
    await putJson(client, 'ksplit-events', [
      ['a', { id: 'a1' }],
      ['a', { id: 'a2' }],
    ]);
    await client.send(new SplitShardCommand({ StreamName: 'ksplit-events', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }));
    await eventually(async () => {
      const { StreamDescriptionSummary: summary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'ksplit-events' }));
      return summary?.StreamStatus === 'ACTIVE';
    }, 'the split');
    const after = await putJson(client, 'ksplit-events', [
      ['a', { id: 'a3' }],
      ['a', { id: 'a4' }],
    ]);

    await eventually(() => invocations(eventsDir, 'split').flat().length === 4, 'all records');

    const { Shards } = await client.send(new ListShardsCommand({ StreamName: 'ksplit-events' }));
    expect(Shards).toHaveLength(3);
    expect(after[0]!.shardId).not.toBe('shardId-000000000000');
    expect(idsOf(invocations(eventsDir, 'split')).flat()).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('ParallelizationFactor splits a shard batch by partition key and keeps each key in order', async ({ expect }) => {
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    await putJson(client, 'kpar-events', [...Array(24).keys()].map((i) => [keys[i % 6]!, { id: `${keys[i % 6]}-${Math.floor(i / 6)}` }] as const));

    const batches = await eventually(() => invocations(eventsDir, 'parallel').flat().length === 24 && invocations(eventsDir, 'parallel'), '24 records');

    expect(batches.length).toBeGreaterThan(1);
    for (const records of batches) {
      const partitionKeys = new Set(records.map((r) => r.kinesis.partitionKey));
      for (const other of batches) if (other !== records) expect(other.some((r) => partitionKeys.has(r.kinesis.partitionKey))).toBe(false);
    }
    for (const key of keys) {
      expect(batches.flat().filter((r) => r.kinesis.partitionKey === key).map((r) => dataOf(r).id)).toEqual([0, 1, 2, 3].map((n) => `${key}-${n}`));
    }
  });
});
