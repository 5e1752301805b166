import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { s3Client } from '../s3/support.ts';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [{ name: 'reset', buckets: { files: {} }, queues: { work: {} } }] });
});

afterAll(async () => {
  await cloud?.stop();
});

/** Opens a connection, writes `bytes` (if any), then resets it (SO_LINGER 0: RST instead of FIN). */
async function resetAfter(bytes: string | Buffer | undefined, waitForAnswer = false): Promise<void> {
  const { port } = new URL(cloud.url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  if (bytes !== undefined) socket.write(bytes);
  if (waitForAnswer) await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  else await new Promise((resolve) => setTimeout(resolve, 20));
  socket.resetAndDestroy();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function expectServing(): Promise<void> {
  expect((await fetch(`${cloud.url}/_eventloom/health`)).status).toBe(200);
  const sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
  expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls?.some((url) => url.endsWith('/reset-work'))).toBe(true);
  sqs.destroy();
}

describe('a reset connection fails that connection only', () => {
  it('before the first byte', async () => {
    await resetAfter(undefined);
    await expectServing();
  });

  it('mid-headers, on HTTP/1.1 and on HTTP/2', async () => {
    await resetAfter('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar');
    await resetAfter('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    await resetAfter('PR');
    await expectServing();
  });

  it('mid-body, to every kind of endpoint', async () => {
    const head = (path: string, extra: string) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n${extra}\r\n{"partial":`;
    await resetAfter(head('/', 'X-Amz-Target: AmazonSQS.SendMessage\r\nContent-Type: application/x-amz-json-1.0\r\n'));
    await resetAfter(head('/', 'X-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Type: application/x-amz-json-1.0\r\n'));
    await resetAfter(head('/', 'X-Amz-Target: Kinesis_20131202.PutRecord\r\nContent-Type: application/x-amz-json-1.1\r\n'));
    await resetAfter(`PUT /reset-files/partial.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nabc`);
    await resetAfter(head('/2015-03-31/functions/none/invocations', ''));
    await resetAfter(head('/', 'Content-Type: application/x-www-form-urlencoded\r\n'));
    await expectServing();
  });

  it('mid-response', async () => {
    const s3 = s3Client(cloud.url);
    await s3.send(new PutObjectCommand({ Bucket: 'reset-files', Key: 'big.bin', Body: Buffer.alloc(8 * 1024 * 1024, 'x') }));
    s3.destroy();
    await resetAfter('GET /reset-files/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', true);
    await resetAfter('GET /_eventloom/inspect HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', true);
    await expectServing();
  });
});

describe('the main port answers only its own host names', () => {
  const withHost = async (host: string) => {
    const { port } = new URL(cloud.url);
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.end(`GET /_eventloom/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    return Buffer.concat(chunks).toString();
  };

  it('serves 127.0.0.1, localhost and *.localhost', async () => {
    for (const host of [new URL(cloud.url).host, 'localhost:4566', 'LOCALHOST', 'bucket.localhost:1']) expect(await withHost(host)).toMatch(/^HTTP\/1\.1 200/);
  });

  it('refuses any other Host (DNS rebinding) with 403 naming --allow-host', async () => {
    const answer = await withHost('attacker.example:4566');
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer).toContain('--allow-host attacker.example');
  });
});
