import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { recorded, s3App, s3Client } from './support.ts';

interface S3Record {
  eventVersion: string;
  eventName: string;
  s3: { configurationId: string; bucket: { name: string; arn: string }; object: { key: string; size?: number; eTag?: string; sequencer: string } };
}

const dir = mkdtempSync(join(tmpdir(), 'eventloom-s3-test-'));
const eventsFile = join(dir, 'events.jsonl');
const removalsFile = join(dir, 'removals.jsonl');
const uploads = 's3t-uploads';
const results = 's3t-results';
let cloud: LocalCloud;
let client: S3Client;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [s3App('s3t', eventsFile, removalsFile)] });
  client = s3Client(cloud.url);
});

afterAll(async () => {
  client?.destroy();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const keysOf = (file: string) => recorded<{ Records: S3Record[] }>(file).map((event) => event.Records[0]!.s3.object.key);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('S3 on the main port with the real SDK', () => {
  it('creates the declared buckets and lists them', async () => {
    const { Buckets = [] } = await client.send(new ListBucketsCommand({}));

    expect(Buckets.map((b) => b.Name)).toEqual(expect.arrayContaining([uploads, results]));
  });

  it('puts, heads, gets, lists and deletes objects', async () => {
    const put = await client.send(new PutObjectCommand({ Bucket: results, Key: 'crud/a.json', Body: '{"a":1}', ContentType: 'application/json' }));
    await client.send(new PutObjectCommand({ Bucket: results, Key: 'crud/b.json', Body: '{"b":2}' }));

    const head = await client.send(new HeadObjectCommand({ Bucket: results, Key: 'crud/a.json' }));
    const got = await client.send(new GetObjectCommand({ Bucket: results, Key: 'crud/a.json' }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: results, Prefix: 'crud/' }));
    await client.send(new DeleteObjectCommand({ Bucket: results, Key: 'crud/a.json' }));
    const after = await client.send(new ListObjectsV2Command({ Bucket: results, Prefix: 'crud/' }));
    const missing = await client.send(new GetObjectCommand({ Bucket: results, Key: 'crud/a.json' })).catch((error: unknown) => error);

    expect(head).toMatchObject({ ContentLength: 7, ContentType: 'application/json', ETag: put.ETag });
    expect(await got.Body!.transformToString()).toBe('{"a":1}');
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['crud/a.json', 'crud/b.json']);
    expect(after.Contents?.map((o) => o.Key)).toEqual(['crud/b.json']);
    expect(missing).toBeInstanceOf(S3ServiceException);
    expect((missing as S3ServiceException).name).toBe('NoSuchKey');
  });

  it('uploads a multipart object of a few MB and streams it back intact', async () => {
    const body = randomBytes(6 * 1024 * 1024 + 123);
    const upload = new Upload({ client, params: { Bucket: results, Key: 'big/blob.bin', Body: body }, partSize: 5 * 1024 * 1024, queueSize: 2 });

    await upload.done();
    const got = await client.send(new GetObjectCommand({ Bucket: results, Key: 'big/blob.bin' }));

    expect(got.ContentLength).toBe(body.length);
    expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(body));
  });

  it('accepts presigned PUT and GET URLs from the platform helpers, used with plain fetch', async () => {
    Object.assign(process.env, cloud.env);
    const { presignedGetUrl, presignedPutUrl } = await import('../../src/platform/s3.ts');
    const putUrl = await presignedPutUrl(results, 'presigned/photo one.txt', { contentType: 'text/plain', expiresInSeconds: 60 });

    const put = await fetch(putUrl, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hello presigned' });
    const get = await fetch(await presignedGetUrl(results, 'presigned/photo one.txt'));

    expect(putUrl.startsWith(`${cloud.url}/${results}/`)).toBe(true);
    expect(put.status).toBe(200);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/plain');
    expect(await get.text()).toBe('hello presigned');
  });

  it('stores streamed bodies of a client with default checksums (aws-chunked framing) as the bytes sent', async () => {
    const defaultClient = new S3Client({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials, forcePathStyle: true });
    const body = randomBytes(300 * 1024);

    await defaultClient.send(new PutObjectCommand({ Bucket: results, Key: 'chunked/stream.bin', Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]), ContentLength: body.length, ContentEncoding: 'gzip' }));
    const got = await defaultClient.send(new GetObjectCommand({ Bucket: results, Key: 'chunked/stream.bin' }));
    const bytes = await got.Body!.transformToByteArray();

    defaultClient.destroy();
    expect(got.ContentLength).toBe(body.length);
    expect(got.ContentEncoding).toBe('gzip');
    expect(sha256(bytes)).toBe(sha256(body));
  });

  it('serves an unsigned GET of an object in an existing bucket', async () => {
    await client.send(new PutObjectCommand({ Bucket: results, Key: 'public/readme.txt', Body: 'plain' }));

    const response = await fetch(`${cloud.url}/${results}/public/readme.txt`);

    expect(await response.text()).toBe('plain');
  });

  it('creates buckets through the API too', async () => {
    await client.send(new CreateBucketCommand({ Bucket: 'adhoc-bucket' }));

    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'adhoc-bucket' }));

    expect(listed.KeyCount).toBe(0);
  });
});

describe('bucket notifications', () => {
  it('invokes the function asynchronously with the AWS S3 event, only for keys matching prefix and suffix', async () => {
    for (const key of ['in/skip.json', 'out/skip.csv', 'in.csv']) await client.send(new PutObjectCommand({ Bucket: uploads, Key: key, Body: 'x' }));
    const put = await client.send(new PutObjectCommand({ Bucket: uploads, Key: 'in/red flower.csv', Body: 'a,b\n1,2\n' }));

    const [event] = await waitFor(() => (recorded(eventsFile).length > 0 ? recorded<{ Records: S3Record[] }>(eventsFile) : false), { description: 'the notification' });
    await waitFor(() => cloud.services.dispatcher.pendingCount() === 0, { description: 'an empty outbox' });

    expect(keysOf(eventsFile)).toEqual(['in/red+flower.csv']);
    expect(event!.Records).toHaveLength(1);
    expect(event!.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: expect.any(String),
        bucket: { name: uploads, ownerIdentity: { principalId: expect.any(String) }, arn: `arn:aws:s3:::${uploads}` },
        object: { key: 'in/red+flower.csv', size: 8, eTag: put.ETag!.replace(/"/g, ''), sequencer: expect.stringMatching(/^[0-9A-F]+$/) },
      },
    });
  });

  it('names a multipart upload CompleteMultipartUpload', async () => {
    const upload = new Upload({ client, params: { Bucket: uploads, Key: 'in/multi.csv', Body: randomBytes(5 * 1024 * 1024 + 1) }, partSize: 5 * 1024 * 1024 });

    await upload.done();

    const names = await waitFor(() => {
      const found = recorded<{ Records: S3Record[] }>(eventsFile).filter((e) => e.Records[0]!.s3.object.key === 'in/multi.csv');
      return found.length > 0 && found.map((e) => e.Records[0]!.eventName);
    });
    expect(names).toEqual(['ObjectCreated:CompleteMultipartUpload']);
  });

  it('notifies removals to the function subscribed to ObjectRemoved, without size or eTag', async () => {
    await client.send(new PutObjectCommand({ Bucket: uploads, Key: 'in/gone.txt', Body: 'x' }));

    await client.send(new DeleteObjectCommand({ Bucket: uploads, Key: 'in/gone.txt' }));

    const [removal] = await waitFor(() => (recorded(removalsFile).length > 0 ? recorded<{ Records: S3Record[] }>(removalsFile) : false));
    expect(removal!.Records[0]).toMatchObject({ eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'in/gone.txt' } } });
    expect(removal!.Records[0]!.s3.object).not.toHaveProperty('size');
  });

  it('lets a function read and write objects through the platform client and its bucketName reference', async () => {
    await client.send(new PutObjectCommand({ Bucket: uploads, Key: 'copy/note one.txt', Body: 'shout this' }));

    const copied = await waitFor(
      async () => {
        const found = await client.send(new GetObjectCommand({ Bucket: results, Key: 'copied/copy/note one.txt' })).catch(() => undefined);
        return found ? found.Body!.transformToString() : false;
      },
      { description: 'the copy', timeoutMs: 10_000 },
    );

    expect(copied).toBe('SHOUT THIS');
  });
});

describe('the main port’s other routes next to S3', () => {
  it('still answers the inspector, with buckets and their object counts', async () => {
    const health = await fetch(`${cloud.url}/_eventloom/health`);
    const snapshot = (await (await fetch(`${cloud.url}/_eventloom/inspect`)).json()) as { buckets: { name: string; objects: number }[] };

    expect(await health.json()).toEqual({ status: 'ok' });
    expect(snapshot.buckets).toContainEqual({ name: uploads, objects: expect.any(Number) });
    expect(snapshot.buckets.find((b) => b.name === uploads)!.objects).toBeGreaterThan(0);
  });

  it('still routes SQS (X-Amz-Target) and the Lambda Invoke API', async () => {
    const sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    await sqs.send(new CreateQueueCommand({ QueueName: 's3t-side' }));

    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 's3t-side' }));
    const invoked = await fetch(`${cloud.url}/2015-03-31/functions/s3t-noop/invocations`, { method: 'POST', body: '{}' });

    sqs.destroy();
    expect(QueueUrls).toHaveLength(1);
    expect(invoked.status).toBe(200);
    expect(await invoked.text()).toBe('null');
  });

  it('gives functions and .env the S3 endpoint', () => {
    expect(cloud.env.AWS_ENDPOINT_URL_S3).toBe(cloud.url);
  });
});
