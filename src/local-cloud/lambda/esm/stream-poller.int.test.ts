import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { holdsFor } from '../../../../test/support/holds-for.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { silentLogger } from '../../../platform/log.ts';
import type { StreamTrigger } from '../../../platform/topology/types.ts';
import { provisionTable } from '../../dynamodb/provision.ts';
import { localRegion } from '../../identity.ts';
import { SqsService } from '../../sqs/index.ts';
import { openStateDb } from '../../state/db.ts';
import { CheckpointStore } from '../../streams/index.ts';
import { FunctionRunner } from '../runner/index.ts';
import { StreamEventSource } from './stream-poller.ts';

const handlerModule = fileURLToPath(new URL('../../../../test/fixtures/functions/esm-stream.ts', import.meta.url));
const config = { endpoint: inject('dynamoDbEndpoint'), region: localRegion(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const ddb = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const db = openStateDb(':memory:');
const checkpoints = new CheckpointStore(db);
const sqs = new SqsService({ db, endpoint: () => 'http://127.0.0.1:4566' });
const runner = new FunctionRunner({ logger: { info: () => {}, warn: () => {} }, output: () => {} });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventloom-esm-stream-'));
});

afterAll(async () => {
  await runner.close();
  sqs.close();
  ddb.destroy();
  streams.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function createTable(): Promise<{ name: string; streamArn: string }> {
  const name = uniqueName('esm-stream');
  const { streamArn } = await provisionTable(ddb, name, { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' });
  return { name, streamArn: streamArn! };
}

async function put(table: string, pk: string, fields: Record<string, string> = {}): Promise<void> {
  const item = Object.fromEntries(Object.entries({ pk, ...fields }).map(([name, value]) => [name, { S: value }]));
  await ddb.send(new PutItemCommand({ TableName: table, Item: item }));
}

interface MappingOptions {
  /** Reuse a function name to restart a mapping where the previous one left off. */
  functionName?: string;
  /** Give the mapping an on-failure queue. */
  onFailure?: boolean;
  now?: () => number;
}

/** A started stream mapping (TRIM_HORIZON unless told otherwise), stopped after the test. */
function mapping(streamArn: string, trigger: Omit<Partial<StreamTrigger>, 'type'>, options: MappingOptions = {}) {
  const functionName = options.functionName ?? uniqueName('esm');
  const eventsFile = join(dir, `${functionName}.jsonl`);
  if (!runner.has(functionName)) {
    runner.register({ name: functionName, modulePath: handlerModule, exportName: 'handler', environment: { EVENTS_FILE: eventsFile }, timeoutSeconds: 10, memoryMb: 128 });
  }
  const onFailureQueue = options.onFailure ? uniqueName('esm-failures') : undefined;
  if (onFailureQueue) sqs.createQueue(onFailureQueue);
  const source = new StreamEventSource({
    functionName,
    streamArn,
    trigger: { startingPosition: 'TRIM_HORIZON', ...trigger },
    ...(onFailureQueue && { onFailureQueue }),
    streams,
    checkpoints,
    runner,
    queues: sqs,
    logger: silentLogger,
    retryBaseDelayMs: 20,
    ...(options.now && { now: options.now }),
  });
  source.start();
  onTestFinished(() => source.stop());
  /** The records of every invocation, in order. */
  const invocations = (): DynamoDBRecord[][] =>
    existsSync(eventsFile) ? readFileSync(eventsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as DynamoDBRecord[]) : [];
  const failures: Record<string, Record<string, unknown>>[] = [];
  /** Failure records received so far from the on-failure queue. */
  const readFailures = async () => {
    for (const message of await sqs.receiveMessages(onFailureQueue!, { maxNumberOfMessages: 10, waitTimeSeconds: 0 })) {
      failures.push(JSON.parse(message.body) as Record<string, Record<string, unknown>>);
      sqs.deleteMessage(onFailureQueue!, message.receiptHandle);
    }
    return failures;
  };
  return { functionName, consumerId: `esm:${functionName}:${streamArn}`, source, invocations, keys: () => invocations().map((records) => records.map(keyOf)), readFailures };
}

const keyOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S;
const sequenceOf = (records: DynamoDBRecord[][], key: string) => records.flat().find((r) => keyOf(r) === key)?.dynamodb?.SequenceNumber;
const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 20_000, description });

describe('StreamEventSource pause and resume', () => {
  it('paused, holds the records un-checkpointed; resumed, delivers them in order', async () => {
    // Prepare
    const { name, streamArn } = await createTable();
    const m = mapping(streamArn, { batchSize: 10 });
    await put(name, 'before');
    await eventually(() => expect(m.keys()).toEqual([['before']]), 'the first delivery');

    // Act
    m.source.pause();
    await put(name, 'during-1');
    await put(name, 'during-2');

    // Assess
    expect(m.source.describe()).toMatchObject({ state: 'Disabled', kind: 'dynamodb', eventSourceArn: streamArn, functionName: m.functionName });
    await holdsFor(() => expect(m.keys()).toEqual([['before']]), 500);
    await m.source.resume();
    await eventually(() => expect(m.keys().flat()).toEqual(['before', 'during-1', 'during-2']), 'the deliveries after resume');
    expect(m.source.describe().state).toBe('Enabled');
  });
});

describe('StreamEventSource delivery', () => {
  it("delivers records in AWS's shape, in per-item order, at most BatchSize at a time", async () => {
    const { name, streamArn } = await createTable();
    for (const pk of ['a', 'b', 'c']) await put(name, pk, { status: 'new' });
    for (const pk of ['c', 'a', 'b']) await put(name, pk, { status: 'paid' });
    for (const pk of ['b', 'a', 'c']) await ddb.send(new DeleteItemCommand({ TableName: name, Key: { pk: { S: pk } } }));

    const m = mapping(streamArn, { batchSize: 4 });

    await eventually(() => m.invocations().flat().length === 9, '9 records');
    expect(m.invocations().map((records) => records.length)).toEqual([4, 4, 1]);
    for (const pk of ['a', 'b', 'c']) {
      expect(m.invocations().flat().filter((r) => keyOf(r) === pk).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    }
    expect(m.invocations()[0]?.[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: localRegion(),
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' }, status: { S: 'new' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('StartingPosition LATEST skips what was written before it started; TRIM_HORIZON does not', async () => {
    const { name, streamArn } = await createTable();
    await put(name, 'old');
    const latest = mapping(streamArn, { startingPosition: 'LATEST' });
    const horizon = mapping(streamArn, { startingPosition: 'TRIM_HORIZON' });
    await eventually(() => checkpoints.hasAny(latest.consumerId), 'the LATEST mapping to take its position');

    await put(name, 'new');

    await eventually(() => [latest, horizon].every((m) => m.keys().flat().includes('new')), 'both mappings to see the new record');
    expect(latest.keys().flat()).toEqual(['new']);
    expect(horizon.keys().flat()).toEqual(['old', 'new']);
  });

  it('ReportBatchItemFailures retries from the lowest failed SequenceNumber', async () => {
    const { name, streamArn } = await createTable();
    for (const pk of ['k0', 'k1', 'k2', 'k3', 'k4']) await put(name, pk, pk === 'k2' ? { mode: 'fail-once' } : {});

    const m = mapping(streamArn, { reportBatchItemFailures: true });

    await eventually(() => m.invocations().length === 2, 'the retry');
    await put(name, 'k5');
    await eventually(() => m.keys().flat().includes('k5'), 'the next record');
    expect(m.keys()).toEqual([['k0', 'k1', 'k2', 'k3', 'k4'], ['k2', 'k3', 'k4'], ['k5']]);
  });

  it('ReportBatchItemFailures with an identifier not in the batch retries the whole batch', async () => {
    const { name, streamArn } = await createTable();
    for (const pk of ['u0', 'u1', 'u2']) await put(name, pk, pk === 'u1' ? { mode: 'unknown-once' } : {});

    const m = mapping(streamArn, { reportBatchItemFailures: true });

    await eventually(() => m.invocations().length === 2, 'the retry');
    await put(name, 'u3');
    await eventually(() => m.keys().flat().includes('u3'), 'the next record');
    expect(m.keys()).toEqual([['u0', 'u1', 'u2'], ['u0', 'u1', 'u2'], ['u3']]);
  });

  it('ParallelizationFactor 3 delivers every record and keeps each item in order', async () => {
    const { name, streamArn } = await createTable();
    const pks = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    for (const v of ['1', '2', '3']) for (const pk of pks) await put(name, pk, { v });

    const m = mapping(streamArn, { parallelizationFactor: 3 });

    await eventually(() => m.invocations().flat().length === 18, '18 records');
    expect(m.invocations().length).toBeGreaterThan(1);
    for (const pk of pks) {
      expect(m.invocations().flat().filter((r) => keyOf(r) === pk).map((r) => r.dynamodb?.NewImage?.v?.S)).toEqual(['1', '2', '3']);
    }
  });

  it('filter criteria drop records and still advance the checkpoint', async () => {
    const { name, streamArn } = await createTable();
    const trigger = { filterCriteria: { patterns: [{ dynamodb: { NewImage: { kind: { S: ['keep'] } } } }] } };
    const first = mapping(streamArn, trigger);
    await put(name, 'keep-1', { kind: 'keep' });
    await eventually(() => first.keys().length === 1, 'the kept record');
    await put(name, 'drop-1', { kind: 'drop' });
    await eventually(() => first.source.stats.filteredOut === 1, 'the dropped record');
    await first.source.stop();

    const restarted = mapping(streamArn, trigger, { functionName: first.functionName });
    await put(name, 'keep-2', { kind: 'keep' });

    await eventually(() => restarted.keys().length === 2, 'the next kept record');
    expect(restarted.keys()).toEqual([['keep-1'], ['keep-2']]);
    expect(restarted.source.stats.filteredOut).toBe(0);
  });
});

describe('StreamEventSource failures', () => {
  it("MaximumRetryAttempts 1: the batch goes to the on-failure queue as AWS's failure record, and processing continues", async () => {
    const { name, streamArn } = await createTable();
    for (const pk of ['x0', 'x1', 'x2']) await put(name, pk, pk === 'x0' ? { mode: 'throw' } : {});
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));

    const m = mapping(streamArn, { batchSize: 2, maximumRetryAttempts: 1 }, { onFailure: true });

    await eventually(() => m.keys().flat().includes('x2'), 'the record after the failed batch');
    const [failure] = await eventually(async () => (await m.readFailures()).length === 1 && m.readFailures(), 'the failure record');
    expect(m.keys()).toEqual([['x0', 'x1'], ['x0', 'x1'], ['x2']]);
    expect(failure).toEqual({
      requestContext: { requestId: expect.any(String), functionArn: runner.functionArn(m.functionName), condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: {
        shardId: StreamDescription?.Shards?.[0]?.ShardId,
        startSequenceNumber: sequenceOf(m.invocations(), 'x0'),
        endSequenceNumber: sequenceOf(m.invocations(), 'x1'),
        approximateArrivalOfFirstRecord: expect.any(String),
        approximateArrivalOfLastRecord: expect.any(String),
        batchSize: 2,
        streamArn,
      },
    });
  });

  it('BisectBatchOnFunctionError: a poison record among 8 ends alone in the on-failure queue', async () => {
    const { name, streamArn } = await createTable();
    const pks = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'];
    for (const pk of pks) await put(name, pk, pk === 'b5' ? { mode: 'throw' } : {});

    const m = mapping(streamArn, { batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 }, { onFailure: true });

    const [failure] = await eventually(async () => (await m.readFailures()).length === 1 && m.readFailures(), 'the failure record');
    const processed = () => m.keys().filter((keys) => !keys.includes('b5')).flat();
    await eventually(() => processed().length === 7, 'the other 7 records');
    expect(processed().sort()).toEqual(pks.filter((pk) => pk !== 'b5'));
    const poison = sequenceOf(m.invocations(), 'b5');
    expect(failure?.DDBStreamBatchInfo).toMatchObject({ batchSize: 1, startSequenceNumber: poison, endSequenceNumber: poison });
    expect(m.keys()[0]).toHaveLength(8);
  });

  it('MaximumRecordAgeInSeconds discards older records to the on-failure queue without invoking', async () => {
    const { name, streamArn } = await createTable();
    for (const pk of ['o0', 'o1']) await put(name, pk);
    let clockAheadMs = 120_000;

    const m = mapping(streamArn, { maximumRecordAgeInSeconds: 60 }, { onFailure: true, now: () => Date.now() + clockAheadMs });

    const [failure] = await eventually(async () => (await m.readFailures()).length === 1 && m.readFailures(), 'the failure record');
    clockAheadMs = 0;
    await put(name, 'fresh');
    await eventually(() => m.keys().length === 1, 'the fresh record');
    expect(m.keys()).toEqual([['fresh']]);
    expect(failure).toMatchObject({ requestContext: { condition: 'RecordAgeExceeded' }, DDBStreamBatchInfo: { batchSize: 2, streamArn } });
  });
});
