import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbClient, testCredentials } from '../../../test/support/cloud.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { silentLogger } from '../../platform/log.ts';
import type { PipeDef } from '../../platform/topology/types.ts';
import { provisionTable } from '../dynamodb/provision.ts';
import { DeliveryOutbox, TargetDispatcher } from '../delivery/index.ts';
import { EventBridgeService, type EventEnvelope } from '../eventbridge/index.ts';
import { FunctionRunner } from '../lambda/runner/index.ts';
import { SqsService } from '../sqs/index.ts';
import { openStateDb, type StateDb } from '../state/db.ts';
import { CheckpointStore } from '../streams/index.ts';
import { Pipe } from './pipe.ts';

type PipeEvent = Omit<EventEnvelope, 'detail'> & { detail: DynamoDBRecord };

const ddb = dynamoDbClient();
const streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: testCredentials });
const runner = new FunctionRunner();
const dir = mkdtempSync(join(tmpdir(), 'eventloom-pipe-'));
const running = new Set<Pipe>();
const closers: (() => void)[] = [];

afterAll(async () => {
  await Promise.all([...running].map((pipe) => pipe.stop()));
  for (const close of closers.reverse()) close();
  await runner.close();
  ddb.destroy();
  streams.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** SQS, EventBridge and checkpoints on one state database, as the local cloud wires them. */
function stack(db: StateDb) {
  const sqs = new SqsService({ db, endpoint: () => 'http://127.0.0.1:4566' });
  const dispatcher = new TargetDispatcher({ outbox: new DeliveryOutbox(db), queues: sqs, functions: runner, logger: silentLogger });
  const close = () => {
    dispatcher.close();
    sqs.close();
    if (db.open) db.close();
  };
  closers.push(close);
  return { db, sqs, bus: new EventBridgeService({ db, dispatcher }), checkpoints: new CheckpointStore(db), close };
}
type Stack = ReturnType<typeof stack>;
const memory = stack(openStateDb(':memory:'));

/** A stream-enabled table, and a bus whose one rule sends every DynamoDB event to a queue. */
async function source(on: Stack = memory) {
  const id = randomUUID().slice(0, 8);
  const table = await provisionTable(ddb, `pipe-src-${id}`, { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' });
  const bus = `bus-${id}`;
  const queue = `pipe-events-${id}`;
  on.bus.createBus(bus);
  on.sqs.createQueue(queue);
  on.bus.putRule({ name: 'dynamodb', busName: bus, eventPattern: JSON.stringify({ detail: { eventSource: ['aws:dynamodb'] } }), state: 'ENABLED' });
  on.bus.putTargets(bus, 'dynamodb', [{ id: 'queue', arn: on.sqs.queueArn(queue) }]);
  return { id, table: table.name, streamArn: table.streamArn!, bus, queue, pipeName: `pipe-${id}` };
}
type Source = Awaited<ReturnType<typeof source>>;

function startPipe(on: Stack, from: Source, definition: Partial<PipeDef> = {}, deadLetterQueue?: string): Pipe {
  const pipe = new Pipe({
    name: from.pipeName,
    definition: { sourceTable: from.table, target: { bus: from.bus }, ...definition, source: { startingPosition: 'TRIM_HORIZON', ...definition.source } },
    streamArn: from.streamArn,
    busName: from.bus,
    ...(deadLetterQueue && { deadLetterQueue }),
    db: on.db,
    streams,
    checkpoints: on.checkpoints,
    bus: on.bus,
    queues: on.sqs,
    logger: silentLogger,
    retryBaseDelayMs: 10,
  });
  pipe.start();
  running.add(pipe);
  return pipe;
}

async function stopPipe(pipe: Pipe): Promise<void> {
  await pipe.stop();
  running.delete(pipe);
}

/** Drains a queue into `messages` (parsed bodies); `until(n)` waits for n in all. */
function inbox<T = PipeEvent>(on: Stack, queue: string) {
  const messages: T[] = [];
  const drain = async () => {
    for (;;) {
      const batch = await on.sqs.receiveMessages(queue, { maxNumberOfMessages: 10, waitTimeSeconds: 0 });
      if (batch.length === 0) return;
      for (const message of batch) {
        messages.push(JSON.parse(message.body) as T);
        on.sqs.deleteMessage(queue, message.receiptHandle);
      }
    }
  };
  const until = (count: number) =>
    waitFor(async () => (await drain(), messages.length >= count), { timeoutMs: 20_000, description: `${count} messages on ${queue}` });
  return { messages, until };
}

async function put(table: string, pk: string, attributes: Record<string, string> = {}): Promise<void> {
  const item: Record<string, AttributeValue> = { pk: { S: pk } };
  for (const [name, value] of Object.entries(attributes)) item[name] = { S: value };
  await ddb.send(new PutItemCommand({ TableName: table, Item: item }));
}

/** The records of the (single, on DynamoDB Local) shard, read straight from the stream. */
async function streamRecords(streamArn: string) {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const shardId = StreamDescription!.Shards![0]!.ShardId!;
  const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
  return { shardId, records: Records };
}

const keys = (events: readonly PipeEvent[]) => events.map((event) => event.detail.dynamodb!.Keys!.pk!.S);

describe('Pipe from a DynamoDB stream to an event bus', () => {
  it('puts each record on the bus in the default envelope', async () => {
    const from = await source();
    const events = inbox(memory, from.queue);
    await put(from.table, 'a', { status: 'new' });

    startPipe(memory, from);

    await events.until(1);
    expect(events.messages[0]).toMatchObject({
      version: '0',
      source: `Pipe ${from.pipeName}`,
      'detail-type': 'Event from aws:dynamodb',
      resources: [],
      detail: {
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        eventVersion: '1.1',
        eventSourceARN: from.streamArn,
        dynamodb: {
          Keys: { pk: { S: 'a' } },
          NewImage: { pk: { S: 'a' }, status: { S: 'new' } },
          SequenceNumber: expect.stringMatching(/^\d+$/),
          SizeBytes: expect.any(Number),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
    });
  });

  it('uses the overridden source and detail-type', async () => {
    const from = await source();
    const events = inbox(memory, from.queue);
    await put(from.table, 'a');

    startPipe(memory, from, { target: { bus: from.bus, source: 'shop.orders', detailType: 'OrderChanged' } });

    await events.until(1);
    expect(events.messages[0]).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderChanged', detail: { eventName: 'INSERT' } });
  });

  it('drops records no filter matches and still advances the checkpoint', async () => {
    const from = await source();
    const events = inbox(memory, from.queue);
    const filters = [{ eventName: ['INSERT'], dynamodb: { NewImage: { priority: { S: ['high'] } } } }];
    await put(from.table, 'a', { priority: 'high' });
    await put(from.table, 'b', { priority: 'low' });
    await put(from.table, 'a', { priority: 'high', status: 'paid' });
    await put(from.table, 'c', { priority: 'high' });
    await put(from.table, 'c', { priority: 'high', status: 'paid' });

    const first = startPipe(memory, from, { filters });
    await waitFor(() => first.stats().filteredOut === 3, { timeoutMs: 20_000, description: '3 records filtered out' });
    await stopPipe(first);
    const { shardId, records } = await streamRecords(from.streamArn);
    const checkpoint = memory.checkpoints.get(`pipe:${from.pipeName}`, shardId);
    const restarted = startPipe(memory, from, { filters });
    await put(from.table, 'd', { priority: 'high' });

    await events.until(3);
    expect(keys(events.messages)).toEqual(['a', 'c', 'd']);
    expect(checkpoint?.sequenceNumber).toBe(records.at(-1)!.dynamodb!.SequenceNumber);
    expect(restarted.stats()).toEqual({ delivered: 1, filteredOut: 0 });
  });

  it('delivers 25 records in batches of 10, keeping per-item order', async () => {
    const from = await source();
    const events = inbox(memory, from.queue);
    for (let i = 0; i < 25; i++) {
      await (i % 5 === 0 ? put(from.table, 'hot', { version: String(i / 5 + 1) }) : put(from.table, `k${i}`));
    }

    startPipe(memory, from, { source: { batchSize: 10 } });

    await events.until(25);
    const hot = events.messages.filter((event) => event.detail.dynamodb!.Keys!.pk!.S === 'hot');
    expect(hot.map((event) => event.detail.dynamodb!.NewImage!.version!.S)).toEqual(['1', '2', '3', '4', '5']);
    const sequence = events.messages.map((event) => BigInt(event.detail.dynamodb!.SequenceNumber!));
    expect(sequence).toEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(events.messages.map((event) => event.detail.eventID)).size).toBe(25);
  });

  it('does not deliver twice after a restart on the same state database', async () => {
    const file = join(dir, `state-${randomUUID().slice(0, 8)}.sqlite`);
    const before = stack(openStateDb(file));
    const from = await source(before);
    const delivered = inbox(before, from.queue);
    for (const pk of ['a', 'b', 'c']) await put(from.table, pk);
    const first = startPipe(before, from);
    await delivered.until(3);
    await stopPipe(first);
    before.close();

    const after = stack(openStateDb(file));
    const redelivered = inbox(after, from.queue);
    startPipe(after, from);
    await put(from.table, 'marker');

    await redelivered.until(1);
    expect(keys(delivered.messages)).toEqual(['a', 'b', 'c']);
    expect(keys(redelivered.messages)).toEqual(['marker']);
  });

  it('dead-letters a record too large for PutEvents and delivers the rest of its batch in order', async () => {
    const from = await source();
    const dlq = `pipe-dlq-${from.id}`;
    memory.sqs.createQueue(dlq);
    const events = inbox(memory, from.queue);
    const failures = inbox<Record<string, Record<string, unknown>>>(memory, dlq);
    await put(from.table, 's1');
    await put(from.table, 's2');
    await put(from.table, 'big', { blob: 'x'.repeat(300_000) });
    await put(from.table, 's3');

    const pipe = startPipe(memory, from, { source: { batchSize: 10, maximumRetryAttempts: 1, onPartialBatchItemFailure: 'AUTOMATIC_BISECT' } }, dlq);

    await failures.until(1);
    await events.until(3);
    const { shardId, records } = await streamRecords(from.streamArn);
    const big = records.find((record) => record.dynamodb?.Keys?.pk?.S === 'big')!.dynamodb!;
    expect(keys(events.messages)).toEqual(['s1', 's2', 's3']);
    expect(failures.messages[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', functionArn: pipe.arn, approximateInvokeCount: 2 },
      DDBStreamBatchInfo: { shardId, startSequenceNumber: big.SequenceNumber, endSequenceNumber: big.SequenceNumber, batchSize: 1, streamArn: from.streamArn },
    });
  });
});
