import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { holdsFor } from '../../../../test/support/holds-for.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import type { SqsTrigger } from '../../../platform/topology/types.ts';
import { silentLogger } from '../../../platform/log.ts';
import { localRegion } from '../../identity.ts';
import { handleAwsJson, listen, type RunningServer } from '../../protocol/index.ts';
import { createSqsApi, SqsService } from '../../sqs/index.ts';
import { openStateDb } from '../../state/db.ts';
import { FunctionRunner } from '../runner/index.ts';
import { SqsEventSource } from './sqs-poller.ts';

const handlerModule = fileURLToPath(new URL('../../../../test/fixtures/functions/esm-sqs.ts', import.meta.url));
const quiet = { info: () => {}, warn: () => {} };
let server: RunningServer;
let service: SqsService;
let client: SQSClient;
let runner: FunctionRunner;
let dir: string;

beforeAll(async () => {
  let endpoint = '';
  dir = mkdtempSync(join(tmpdir(), 'eventloom-esm-sqs-'));
  service = new SqsService({ db: openStateDb(':memory:'), endpoint: () => endpoint });
  const app = new Hono();
  const api = createSqsApi(service);
  app.post('*', (c) => handleAwsJson(api, c.req.raw));
  server = await listen(app);
  endpoint = server.url;
  client = new SQSClient({ endpoint, region: localRegion(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  runner = new FunctionRunner({ logger: quiet, output: () => {} });
});

afterAll(async () => {
  await runner.close();
  client.destroy();
  service.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Line = { phase: 'start' | 'end'; id: string; at: number; records?: SQSRecord[] };

interface MappingOptions {
  trigger?: Omit<Partial<SqsTrigger>, 'type' | 'queue'>;
  /** Queue attributes; VisibilityTimeout defaults to 10 s, so only tests about reappearing wait for it. */
  queue?: Record<string, string>;
  timeoutSeconds?: number;
}

/** A queue and a function mapped to it; the source starts on `start()` and stops after the test. */
async function mapping(options: MappingOptions = {}) {
  const name = `esm-${randomUUID().slice(0, 8)}`;
  const eventsFile = join(dir, `${name}.jsonl`);
  const queueUrl = (await client.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '10', ...options.queue } }))).QueueUrl!;
  runner.register({ name, modulePath: handlerModule, exportName: 'handler', environment: { EVENTS_FILE: eventsFile }, timeoutSeconds: options.timeoutSeconds ?? 5, memoryMb: 128 });
  const source = new SqsEventSource({ functionName: name, queue: name, trigger: { ...options.trigger }, sqs: service, runner, logger: silentLogger });
  const send = (body: string, attributes?: Record<string, MessageAttributeValue>) => client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes }));
  const invocations = (withWarmUp: boolean) => {
    const lines = existsSync(eventsFile) ? readFileSync(eventsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Line) : [];
    return lines
      .filter((line) => line.phase === 'start' && (withWarmUp || line.records?.[0]?.body !== WARM_UP))
      .map((start) => ({ id: start.id, startedAt: start.at, endedAt: lines.find((l) => l.phase === 'end' && l.id === start.id)?.at, records: start.records ?? [] }));
  };
  /** The ApproximateReceiveCount of every delivery, by body. */
  const receiveCounts = () => {
    const counts: Record<string, string[]> = {};
    for (const record of invocations(false).flatMap((i) => i.records)) (counts[record.body] ??= []).push(record.attributes.ApproximateReceiveCount);
    return counts;
  };
  const queueCounts = async () => {
    const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...names] }));
    return { visible: Number(Attributes?.[names[0]]), inFlight: Number(Attributes?.[names[1]]) };
  };
  const start = () => {
    source.start();
    onTestFinished(() => source.stop());
  };
  /** Starts with a warm worker, so an invocation under test ends well within a short visibility timeout. */
  const startWarm = async () => {
    start();
    await send(WARM_UP);
    await eventually(async () => invocations(true).some((i) => i.endedAt !== undefined) && (await drained()), 'the warm-up');
  };
  /** Sent in one request, so one poller receives them together. */
  const sendBatch = (bodies: string[]) =>
    client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.map((MessageBody, i) => ({ Id: `m${i}`, MessageBody })) }));
  const drained = async () => expect(await queueCounts()).toEqual({ visible: 0, inFlight: 0 });
  return { queueUrl, source, send, sendBatch, start, startWarm, invocations: () => invocations(false), receiveCounts, queueCounts, drained };
}

const WARM_UP = 'warm-up';
const ask = (instructions: object) => JSON.stringify(instructions);
/** Generous: the machine may be busy, and a wait only lasts this long when a test fails. */
const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 20_000, description });

describe('SqsEventSource', () => {
  it('pauses: a paused mapping receives nothing and its messages stay visible; resumed, it delivers them', async () => {
    // Prepare
    const m = await mapping();
    await m.startWarm();

    // Act
    m.source.pause();
    await m.send('sent while paused');

    // Assess
    expect(m.source.describe()).toMatchObject({ state: 'Disabled', kind: 'sqs', batchSize: 10, eventSourceArn: expect.stringMatching(/^arn:aws:sqs:/) });
    await holdsFor(async () => expect(await m.queueCounts()).toEqual({ visible: 1, inFlight: 0 }), 500);
    await m.source.resume();
    expect(m.source.describe().state).toBe('Enabled');
    await eventually(() => expect(m.invocations().map((i) => i.records.map((r) => r.body))).toEqual([['sent while paused']]), 'the delivery after resume');
  });

  it('a mapping declared disabled starts on resume', async () => {
    const m = await mapping({ trigger: { enabled: false } });
    m.start();
    await m.send('waiting');
    expect(m.source.describe().state).toBe('Disabled');

    await m.source.resume();

    await eventually(() => expect(m.invocations()).toHaveLength(1), 'the first delivery');
  });

  it('hands the function records in the shape Lambda sends', async () => {
    const m = await mapping();
    const sent = await m.send('{"orderId":"o-1"}', {
      trace: { DataType: 'String', StringValue: 'abc' },
      priority: { DataType: 'Number', StringValue: '5' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.of(0, 1, 254, 255) },
    });
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: m.queueUrl, AttributeNames: ['QueueArn'] }));

    m.start();

    const [invocation] = await eventually(() => m.invocations().length === 1 && m.invocations(), 'the invocation');
    const lists = { stringListValues: [], binaryListValues: [] };
    expect(invocation?.records).toEqual([
      {
        messageId: sent.MessageId,
        receiptHandle: expect.any(String),
        body: '{"orderId":"o-1"}',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: expect.stringMatching(/^\d{13}$/),
          SenderId: '000000000000',
          ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
        },
        messageAttributes: {
          trace: { stringValue: 'abc', ...lists, dataType: 'String' },
          priority: { stringValue: '5', ...lists, dataType: 'Number' },
          blob: { binaryValue: Buffer.from([0, 1, 254, 255]).toString('base64'), ...lists, dataType: 'Binary' },
        },
        md5OfBody: sent.MD5OfMessageBody,
        md5OfMessageAttributes: sent.MD5OfMessageAttributes,
        eventSource: 'aws:sqs',
        eventSourceARN: Attributes?.QueueArn,
        awsRegion: localRegion(),
      },
    ]);
  });

  it('deletes every message of a successful batch', async () => {
    const m = await mapping();
    for (const body of ['a', 'b', 'c']) await m.send(body);

    m.start();

    await eventually(m.drained, 'an empty queue');
    expect(m.receiveCounts()).toEqual({ a: ['1'], b: ['1'], c: ['1'] });
  });

  it('ReportBatchItemFailures: only the listed message reappears', async () => {
    const m = await mapping({ trigger: { reportBatchItemFailures: true }, queue: { VisibilityTimeout: '2' } });
    await m.startWarm();

    await m.sendBatch(['ok-1', ask({ fail: true }), 'ok-2']);

    const counts = await eventually(() => (m.receiveCounts()[ask({ fail: true })]?.length ?? 0) >= 2 && m.receiveCounts(), 'the redelivery');
    expect(counts[ask({ fail: true })]?.slice(0, 2)).toEqual(['1', '2']);
    expect(counts).toMatchObject({ 'ok-1': ['1'], 'ok-2': ['1'] });
    expect(m.invocations()[0]?.records).toHaveLength(3);
  });

  it.each([
    ['an empty list', { batchItemFailures: [] }],
    ['a null list', { batchItemFailures: null }],
    ['null', null],
    ['{}', {}],
  ])('ReportBatchItemFailures: %s means every message succeeded', async (_, response) => {
    const m = await mapping({ trigger: { reportBatchItemFailures: true } });
    for (const body of [ask({ respond: response }), 'other']) await m.send(body);

    m.start();

    await eventually(m.drained, 'an empty queue');
    expect(m.invocations()).toHaveLength(1);
  });

  it.each([
    ['an unknown identifier', { respond: { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] } }, 1],
    ['an empty identifier', { respond: { batchItemFailures: [{ itemIdentifier: '' }] } }, 1],
    ['a malformed response', { respond: { batchItemFailures: 'x' } }, 1],
    ['a thrown error', { throw: true }, 1],
    ['a timeout (function timeout 1 s, handler sleeps 3 s)', { sleepMs: 3_000 }, 2],
  ])('ReportBatchItemFailures: %s makes the whole batch reappear', async (_, instructions, visibilitySeconds) => {
    const timeoutSeconds = visibilitySeconds === 2 ? 1 : 5;
    const m = await mapping({ trigger: { reportBatchItemFailures: true }, queue: { VisibilityTimeout: String(visibilitySeconds) }, timeoutSeconds });
    for (const body of [ask(instructions), 'innocent']) await m.send(body);

    m.start();

    const counts = await eventually(() => m.receiveCounts().innocent?.length === 2 && m.receiveCounts(), 'the redelivery');
    expect(counts).toEqual({ [ask(instructions)]: ['1', '2'], innocent: ['1', '2'] });
    expect(m.invocations()[0]?.records).toHaveLength(2);
  });

  it('ignores a returned batchItemFailures list without ReportBatchItemFailures', async () => {
    const m = await mapping();
    for (const body of [ask({ fail: true }), 'other']) await m.send(body);

    m.start();

    await eventually(m.drained, 'an empty queue');
    expect(m.invocations()).toHaveLength(1);
  });

  it('deletes messages matching no filter without invoking; a plain-text body is matched as a string', async () => {
    const m = await mapping({ trigger: { filterCriteria: { patterns: [{ body: { kind: ['order'] } }, { body: ['ping'] }] } } });
    for (const body of [ask({ kind: 'order' }), ask({ kind: 'refund' }), 'ping', 'pong']) await m.send(body);

    m.start();

    await eventually(m.drained, 'an empty queue');
    expect(m.receiveCounts()).toEqual({ [ask({ kind: 'order' })]: ['1'], ping: ['1'] });
    expect(m.source.stats.filteredOut).toBe(2);
  });

  it('redrives a failing message to the dead-letter queue after maxReceiveCount', async () => {
    const dlq = await mapping();
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.queueUrl, AttributeNames: ['QueueArn'] }));
    const redrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 2 });
    const m = await mapping({ queue: { VisibilityTimeout: '1', RedrivePolicy: redrivePolicy } });
    const sent = await m.send(ask({ throw: true }));

    m.start();

    const invoked = () => m.receiveCounts()[ask({ throw: true })];
    await eventually(async () => (await dlq.queueCounts()).visible === 1 && invoked()?.length === 2, 'the message in the DLQ');
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq.queueUrl }));
    expect(Messages?.map((message) => message.MessageId)).toEqual([sent.MessageId]);
    expect(invoked()).toEqual(['1', '2']);
    expect(await m.queueCounts()).toEqual({ visible: 0, inFlight: 0 });
  });
});

describe('SqsEventSource batching and scaling', () => {
  it('BatchSize 5 with a 1 s batching window: invocations of at most 5 records', async () => {
    const m = await mapping({ trigger: { batchSize: 5, maximumBatchingWindowInSeconds: 1 } });
    m.start();

    for (let i = 0; i < 12; i++) await m.send(`m${i}`);

    await eventually(m.drained, 'an empty queue');
    const sizes = m.invocations().map((i) => i.records.length);
    expect(sizes.every((size) => size <= 5)).toBe(true);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Object.keys(m.receiveCounts()).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
  });

  it('BatchSize 1: one record per invocation', async () => {
    const m = await mapping({ trigger: { batchSize: 1 } });
    for (const body of ['a', 'b', 'c']) await m.send(body);

    m.start();

    await eventually(m.drained, 'an empty queue');
    expect(m.invocations().map((i) => i.records.length)).toEqual([1, 1, 1]);
  });

  it('BatchSize 10 without a batching window invokes as soon as a message exists', async () => {
    const m = await mapping({ trigger: { batchSize: 10 } });
    await m.startWarm();

    const sentAt = Date.now();
    await m.send('single');

    const invocation = await eventually(() => m.invocations().find((i) => i.records[0]?.body === 'single') ?? false, 'the invocation');
    expect(invocation.records).toHaveLength(1);
    // well below the 20 s long poll a poller waiting to fill its batch would sit in
    expect(invocation.startedAt - sentAt).toBeLessThan(2_000);
  });

  it('MaximumConcurrency 2: never more than 2 invocations at once', async () => {
    const m = await mapping({ trigger: { batchSize: 1, maximumConcurrency: 2 } });
    for (let i = 0; i < 8; i++) await m.send(ask({ n: i, sleepMs: 200 }));

    m.start();

    await eventually(m.drained, 'an empty queue');
    const edges = m.invocations().flatMap((i) => [
      { at: i.startedAt, delta: 1 },
      { at: i.endedAt ?? Infinity, delta: -1 },
    ]);
    let running = 0;
    let peak = 0;
    for (const edge of edges.sort((x, y) => x.at - y.at || x.delta - y.delta)) peak = Math.max(peak, (running += edge.delta));
    expect(m.invocations()).toHaveLength(8);
    expect(peak).toBe(2);
  });
});
