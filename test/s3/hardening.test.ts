import { CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { s3Client } from './support.ts';

// The cloud's data lives three levels down so that any escape from its S3 directory stays in `dir`.
const dir = mkdtempSync(join(tmpdir(), 'eventloom-s3-hardening-'));
const dataDir = join(dir, 'a', 'b', 'data');
const bucket = 's3h-files';
let cloud: LocalCloud;
let client: S3Client;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [{ name: 's3h', buckets: { files: {}, other: {} } }], dataDir });
  client = s3Client(cloud.url);
});

afterAll(async () => {
  client?.destroy();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir` but outside the cloud's data directory (an escape lands there). */
function filesOutsideData(): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.startsWith(dataDir));
}

/** Files the cloud's data directory itself holds directly (S3 may only write under `s3/`). */
const looseDataFiles = () => readdirSync(dataDir).filter((name) => /escape|posted/.test(name));

async function expectInvalidArgument(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/<Code>InvalidArgument<\/Code>/);
}

async function expectCloudAnswers(): Promise<void> {
  const health = await fetch(`${cloud.url}/_eventloom/health`);
  expect(health.status).toBe(200);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'still/alive.txt', Body: 'yes' }));
  const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'still/alive.txt' }));
  expect(await read.Body!.transformToString()).toBe('yes');
}

describe('S3 paths stay inside the store', () => {
  it('rejects an uploadId that is not one s3rver generates', async () => {
    const response = await fetch(`${cloud.url}/${bucket}/x?uploadId=u&partNumber=..%2F..%2F..%2F..%2Fescaped.txt`, { method: 'PUT', body: 'escape' });
    await expectInvalidArgument(response);
    const traversal = await fetch(`${cloud.url}/${bucket}/x?uploadId=..%2F..%2F..%2Fescaped-upload&partNumber=1`, { method: 'PUT', body: 'escape' });
    await expectInvalidArgument(traversal);
    expect(looseDataFiles()).toEqual([]);
    expect(filesOutsideData()).toEqual([]);
  });

  it('rejects a part number that is not an integer from 1 to 10,000', async () => {
    const uploadId = 'a'.repeat(32);
    for (const partNumber of ['..%2F..%2F..%2F..%2F..%2Fescaped.txt', '0', '10001', '1.5', '-1', '']) {
      const response = await fetch(`${cloud.url}/${bucket}/x?uploadId=${uploadId}&partNumber=${partNumber}`, { method: 'PUT', body: 'escape' });
      await expectInvalidArgument(response);
    }
    expect(filesOutsideData()).toEqual([]);
  });

  it('rejects keys with ".." segments (a documented local difference), in a PUT and in a browser form POST', async () => {
    const put = await fetch(`${cloud.url}/${bucket}/..%2F..%2Fkeyescape`, { method: 'PUT', body: 'escape' });
    await expectInvalidArgument(put);
    // Into another bucket's directory, or onto another key of the same bucket.
    for (const key of ['..%2Fs3h-other%2Fk', 'a%2F..%2Fb', 'a%2F.%2Fb', 'c%2F..']) {
      await expectInvalidArgument(await fetch(`${cloud.url}/${bucket}/${key}`, { method: 'PUT', body: 'escape' }));
    }
    await expect(client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: '../../multipart' }))).rejects.toThrow(/"\."/);
    const form = new FormData();
    form.append('key', '../../posted');
    form.append('file', new Blob(['escape']), 'posted.txt');
    const post = await fetch(`${cloud.url}/${bucket}`, { method: 'POST', body: form });
    await expectInvalidArgument(post);
    expect(looseDataFiles()).toEqual([]);
    expect(existsSync(join(dataDir, 'keyescape._S3rver_object'))).toBe(false);
    expect(filesOutsideData()).toEqual([]);
    await expectCloudAnswers();
  });

  it('still stores keys with dots that stay inside the bucket', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'reports/v1.2/..hidden..txt', Body: 'dots' }));
    const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'reports/v1.2/..hidden..txt' }));
    expect(await read.Body!.transformToString()).toBe('dots');
  });
});

/** A raw PUT of an `aws-chunked` body (how SDKs stream uploads of unknown checksum). */
function chunkedPut(key: string, contentLength: number) {
  const { port } = new URL(cloud.url);
  return request({
    host: '127.0.0.1',
    port,
    method: 'PUT',
    path: `/${bucket}/${key}`,
    headers: {
      'content-length': contentLength,
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': 5,
    },
  });
}

describe('S3 request bodies that fail', () => {
  it('answers a malformed aws-chunked body with 400 and keeps serving', async () => {
    const body = 'zz\r\nhello';
    const req = chunkedPut('malformed.txt', body.length);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
    });
    req.end(body);
    const { status, body: xml } = await response;
    expect(status).toBe(400);
    expect(xml).toMatch(/<Code>IncompleteBody<\/Code>/);
    await expectCloudAnswers();
  });

  it('survives a client that aborts mid-upload, aws-chunked or not, and keeps no partial object', async () => {
    const objectFile = (key: string) => join(dataDir, 's3', bucket, `${key}._S3rver_object`);
    // Objects are written to a temporary file first and renamed into place once complete.
    const temporaryDirectory = join(dataDir, 's3', bucket, '._S3rver_tmp');
    const uploading = () => existsSync(temporaryDirectory) && readdirSync(temporaryDirectory).length > 0;

    const chunked = chunkedPut('aborted-chunked.txt', 1_000);
    chunked.on('error', () => undefined);
    chunked.write('5\r\nhel');
    await waitFor(uploading, { timeoutMs: 10_000, description: 'the upload under way' });
    chunked.destroy();
    await waitFor(() => !uploading(), { timeoutMs: 10_000, description: 'the aborted upload cleaned up' });

    const { port } = new URL(cloud.url);
    const plain = request({ host: '127.0.0.1', port, method: 'PUT', path: `/${bucket}/aborted-plain.txt`, headers: { 'content-length': 1_000 } });
    plain.on('error', () => undefined);
    plain.write('hel');
    await waitFor(uploading, { timeoutMs: 10_000, description: 'the upload under way' });
    plain.destroy();
    await waitFor(() => !uploading(), { timeoutMs: 10_000, description: 'the aborted upload cleaned up' });

    const boundary = 'eventloom-boundary';
    const form = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/${bucket}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 10_000 },
    });
    form.on('error', () => undefined);
    form.write(
      `--${boundary}\r\ncontent-disposition: form-data; name="key"\r\n\r\naborted-form.txt\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="f.txt"\r\ncontent-type: application/octet-stream\r\n\r\nhel`,
    );
    await waitFor(uploading, { timeoutMs: 10_000, description: 'the form upload under way' });
    form.destroy();
    // s3rver's form parser never learns the request is gone: its temporary file stays, the object is never created.
    for (const key of ['aborted-chunked.txt', 'aborted-plain.txt', 'aborted-form.txt']) expect(existsSync(objectFile(key))).toBe(false);

    await expectCloudAnswers();
  });
});
