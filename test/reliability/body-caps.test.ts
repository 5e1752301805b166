import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { s3Client } from '../s3/support.ts';
import { postStreaming, wireApp } from './support.ts';

// Request bodies are capped per service at AWS's limits (RELIABILITY.md lists them) and counted as
// they stream in: a body over its cap is answered 413 in its protocol's shape before it is through.
const APP = 'caps';
const MiB = 1_048_576;
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [{ ...wireApp(APP), buckets: { files: {} } }] });
});

afterAll(async () => {
  await cloud?.stop();
});

const json = (target: string, version = '1.0') => ({ 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` });

describe('a body over its cap is refused while it streams in (413, the protocol’s error shape)', () => {
  it.each([
    ['SQS (JSON)', '/', json('AmazonSQS.SendMessage'), 3 * MiB + 65_536, 'com.amazonaws.sqs#RequestEntityTooLarge'],
    ['EventBridge', '/', json('AWSEvents.PutEvents', '1.1'), MiB, 'com.amazonaws.eventbridge#RequestEntityTooLarge'],
    ['CloudWatch Logs', '/', json('Logs_20140328.PutLogEvents', '1.1'), 2.5 * MiB, 'com.amazonaws.cloudwatchlogs#RequestEntityTooLarge'],
    ['DynamoDB (proxied)', '/', json('DynamoDB_20120810.BatchWriteItem'), 16 * MiB, 'com.amazonaws.dynamodb.v20120810#RequestEntityTooLarge'],
    ['Kinesis (proxied)', '/', json('Kinesis_20131202.PutRecords', '1.1'), 8 * MiB, 'com.amazonaws.kinesis#RequestEntityTooLarge'],
  ])('%s: refused past %#', async (_service, path, headers, cap, type) => {
    // The body stays open: only a server that counts it as it arrives can answer.
    const answer = await postStreaming(`${cloud.url}${path}`, headers, cap + 256 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: type });
  });

  it('SQS (query protocol): XML ErrorResponse', async () => {
    const answer = await postStreaming(`${cloud.url}/`, { 'content-type': 'application/x-www-form-urlencoded' }, 3 * MiB + 65_536 + 256 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('<Code>RequestEntityTooLarge</Code>');
  });

  it('Lambda Invoke: 6 MB synchronous, 256 KB Event (RequestTooLargeException)', async () => {
    const url = `${cloud.url}/2015-03-31/functions/${APP}-noop/invocations`;
    const sync = await postStreaming(url, {}, 6 * MiB + 64 * 1024);
    expect(sync.status).toBe(413);
    expect(sync.headers['x-amzn-errortype']).toBe('RequestTooLargeException');
    const event = await postStreaming(url, { 'x-amz-invocation-type': 'Event' }, 256 * 1024 + 64 * 1024);
    expect(event.status).toBe(413);
    expect(JSON.parse(event.body).message).toContain('262144');
  });

  it('API Gateway: 10 MB', async () => {
    const answer = await postStreaming(`${cloud.url}/apis/${APP}-api/echo`, {}, 10 * MiB + 256 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Request Entity Too Large' });
  });

  it('a declared Content-Length over the cap is refused before the body is read', async () => {
    const answer = await postStreaming(`${cloud.url}/`, json('AWSEvents.PutEvents', '1.1'), 2 * MiB, { declareLength: true });
    expect(answer.status).toBe(413);
  });
});

describe('what fits AWS’s limits still passes', () => {
  it('a 1 MiB SQS message of characters JSON escapes (doubling its encoding)', async () => {
    const sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    const { QueueUrl } = { QueueUrl: `${cloud.url}/000000000000/${APP}-q` };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '"'.repeat(MiB) }));
    expect(sent.MessageId).toBeDefined();
    sqs.destroy();
  });

  it('a 256 KB Event payload and a 6 MB synchronous one', async () => {
    const url = `${cloud.url}/2015-03-31/functions/${APP}-noop/invocations`;
    const event = await fetch(url, { method: 'POST', headers: { 'x-amz-invocation-type': 'Event' }, body: JSON.stringify('e'.repeat(256 * 1024 - 2)) });
    expect(event.status).toBe(202);
    const sync = await fetch(url, { method: 'POST', body: JSON.stringify('s'.repeat(6 * MiB - 2)) });
    expect(sync.status).toBe(200);
  });

  it('S3 is not capped: a 12 MB object (above every other cap) is stored', async () => {
    const s3 = s3Client(cloud.url);
    await s3.send(new PutObjectCommand({ Bucket: `${APP}-files`, Key: 'large.bin', Body: Buffer.alloc(12 * MiB, 1) }));
    s3.destroy();
  });

  it('the cloud serves on after every refusal', async () => {
    expect((await fetch(`${cloud.url}/_eventloom/health`)).status).toBe(200);
  });
});
