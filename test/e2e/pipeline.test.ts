import { PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { pipelineApp } from '../fixtures/apps/pipeline-app.ts';
import { dynamoDbClient, readMarker, startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'e2epipe';
const markers = `${APP}-markers`;
const items = `${APP}-items`;

describe('the pipeline: table → stream → pipe → bus → rules → SQS / Lambda', () => {
  let cloud: LocalCloud;
  let ddb: DynamoDBClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [pipelineApp(APP)] });
    ddb = dynamoDbClient();
    sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
  });
  afterAll(async () => {
    sqs?.destroy();
    ddb?.destroy();
    await cloud?.stop();
  });

  const put = (pk: string, attributes: Record<string, { S: string } | { N: string } | { BOOL: boolean }> = {}) =>
    ddb.send(new PutItemCommand({ TableName: items, Item: { pk: { S: pk }, ...attributes } }));

  it('delivers an inserted item to the SQS worker as an EventBridge envelope around the stream record', async () => {
    await put('happy-1', { kind: { S: 'work' } });

    const marker = (await waitFor(() => readMarker(ddb, markers, 'worker#happy-1').then((m) => m ?? false), { timeoutMs: 15_000 })) as {
      envelope: Record<string, unknown> & { detail: Record<string, unknown> };
      record: Record<string, unknown>;
    };

    expect(marker.envelope).toMatchObject({ version: '0', source: 'fixture.items', 'detail-type': 'ItemInserted', account: '000000000000', resources: [] });
    expect(marker.envelope.detail).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { pk: { S: 'happy-1' } }, NewImage: { pk: { S: 'happy-1' }, kind: { S: 'work' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(marker.record).toMatchObject({ eventSource: 'aws:sqs', md5OfBody: expect.any(String), attributes: { ApproximateReceiveCount: '1' } });
  });

  it('drops records the pipe filter does not pass (a MODIFY never reaches the bus)', async () => {
    await put('modified-1', { kind: { S: 'other' } });
    await ddb.send(new UpdateItemCommand({ TableName: items, Key: { pk: { S: 'modified-1' } }, UpdateExpression: 'SET kind = :k', ExpressionAttributeValues: { ':k': { S: 'work' } } }));
    await put('after-modify', { kind: { S: 'work' } });

    await waitFor(() => readMarker(ddb, markers, 'worker#after-modify').then((m) => m ?? false), { timeoutMs: 15_000 });
    expect(await readMarker(ddb, markers, 'worker#modified-1')).toBeUndefined();
  });

  it('applies a rule target input transformer', async () => {
    await put('transform-1', { kind: { S: 'transform' } });
    const queueUrl = cloud.services.sqs.queueUrl(`${APP}-transformed`);

    const message = await waitFor(async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }))).Messages?.[0] ?? false, {
      timeoutMs: 15_000,
    });

    expect(JSON.parse(message.Body!)).toEqual({ id: 'transform-1', text: 'item transform-1 arrived' });
  });

  it('invokes a Lambda rule target with the event', async () => {
    await put('direct-1', { kind: { S: 'direct' } });
    const event = (await waitFor(() => readMarker(ddb, markers, 'direct#direct-1').then((m) => m ?? false), { timeoutMs: 15_000 })) as Record<string, unknown>;
    expect(event).toMatchObject({ source: 'fixture.items', detail: { dynamodb: { Keys: { pk: { S: 'direct-1' } } } } });
  });

  it('redelivers a message reported in batchItemFailures after its visibility timeout', async () => {
    await put('retry-1', { kind: { S: 'work' }, failUntil: { N: '1' } });
    const marker = (await waitFor(() => readMarker(ddb, markers, 'worker#retry-1').then((m) => m ?? false), { timeoutMs: 20_000 })) as { receiveCount: number };
    expect(marker.receiveCount).toBe(2);
  });

  it('moves a message that keeps failing to the dead-letter queue after maxReceiveCount', async () => {
    await put('poison-1', { kind: { S: 'work' }, poison: { BOOL: true } });
    const dlq = `${APP}-workDlq`;
    await waitFor(() => cloud.services.sqs.stats(dlq).visible === 1, { timeoutMs: 20_000, description: 'the poison message in the DLQ' });
    const [message] = await cloud.services.sqs.receiveMessages(dlq, { maxNumberOfMessages: 1, waitTimeSeconds: 0 });
    expect(JSON.parse(message!.body).detail.dynamodb.Keys.pk.S).toBe('poison-1');
  });

  it('runs a DynamoDB-stream mapping with filter criteria, and sends a batch out of retries to its on-failure queue', async () => {
    await put('stream-ok', { kind: { S: 'stream' } });
    await put('stream-skip', { kind: { S: 'work' } });
    await put('stream-poison', { kind: { S: 'stream' }, poison: { BOOL: true } });

    const [failure] = await waitFor(async () => {
      const messages = await cloud.services.sqs.receiveMessages(`${APP}-streamFailures`, { maxNumberOfMessages: 1, waitTimeSeconds: 1 });
      return messages.length > 0 ? messages : false;
    }, { timeoutMs: 20_000, description: 'the on-failure record' });
    await put('stream-after', { kind: { S: 'stream' } });

    expect(JSON.parse(failure!.body)).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      DDBStreamBatchInfo: { batchSize: 1, streamArn: expect.stringContaining(items) },
    });
    await waitFor(() => readMarker(ddb, markers, 'stream#stream-after#INSERT').then((m) => m ?? false), { timeoutMs: 20_000 });
    expect(await readMarker(ddb, markers, 'stream#stream-ok#INSERT')).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb' });
    expect(await readMarker(ddb, markers, 'stream#stream-skip#INSERT')).toBeUndefined();
    expect(await readMarker(ddb, markers, 'stream#stream-poison#INSERT')).toBeUndefined();
  });

  it('serves the HTTP API through the gateway, and the write it makes flows through the pipeline', async () => {
    const base = cloud.env.ITEMS_API_BASE_URL!;
    const created = await fetch(`${base}/items`, { method: 'POST', body: JSON.stringify({ id: 'api-1', kind: 'work' }), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ id: 'api-1' });

    const read = await fetch(`${base}/items/api-1`);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toContain('application/json');
    expect(await read.json()).toEqual({ id: 'api-1', kind: 'work' });
    expect((await fetch(`${base}/items/missing`)).status).toBe(404);
    await waitFor(() => readMarker(ddb, markers, 'worker#api-1').then((m) => m ?? false), { timeoutMs: 15_000 });
  });

  it('invokes a function directly through the Lambda Invoke endpoint', async () => {
    const lambda = new LambdaClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    const event = { requestContext: { http: { method: 'GET' } }, pathParameters: { id: 'api-1' } };
    const response = await lambda.send(new InvokeCommand({ FunctionName: `${APP}-api`, Payload: JSON.stringify(event) }));
    lambda.destroy();
    expect(response.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(response.Payload!).toString())).toEqual({ id: 'api-1', kind: 'work' });
  });

  it('shows queues, rules, functions and recent events in the inspector', async () => {
    const snapshot = (await (await fetch(`${cloud.url}/_eventloom/inspect`)).json()) as Record<string, { name: string }[]>;
    expect(snapshot.tables!.map((t) => t as unknown as string)).toEqual(expect.arrayContaining([items, markers]));
    expect(snapshot.queues!.find((q) => q.name === `${APP}-work`)).toMatchObject({ deadLetterQueue: `${APP}-workDlq` });
    expect(snapshot.rules!.map((r) => r.name)).toEqual(expect.arrayContaining([`${APP}-toWorker`, `${APP}-direct`]));
    expect(snapshot.functions!.find((f) => f.name === `${APP}-worker`)).toMatchObject({ invocations: expect.any(Number) });
    expect(snapshot.recentEvents!.length).toBeGreaterThan(0);
    const trace = (await (await fetch(`${cloud.url}/_eventloom/trace/happy-1`)).json()) as { events: unknown[] };
    expect(trace.events).toHaveLength(1);
  });
});
