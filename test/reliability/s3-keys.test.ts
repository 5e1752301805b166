import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud } from '../support/cloud.ts';
import { s3Client } from '../s3/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'eventloom-s3-keys-'));
const bucket = 's3k-files';
let cloud: LocalCloud;
let client: S3Client;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [{ name: 's3k', buckets: { files: {} } }], dataDir: join(dir, 'data') });
  client = s3Client(cloud.url);
});

afterAll(async () => {
  client?.destroy();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function roundTrip(key: string, body: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  expect(await read.Body!.transformToString()).toBe(body);
}

describe('S3 keys of every valid length', () => {
  it.each([1, 100, 200, 201, 240, 255, 300, 1_000, 1_024])('stores, reads and lists a key whose one segment is %i bytes', async (length) => {
    const key = 'k'.repeat(length);
    await roundTrip(key, `body-${length}`);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(key);
  });

  it('stores keys with long segments among short ones, and multi-byte characters', async () => {
    const key = `dir/${'é'.repeat(300)}/${'x'.repeat(250)}/file.txt`;
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1_024);
    await roundTrip(key, 'nested');
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'dir/', Delimiter: '/' }));
    expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual([`dir/${'é'.repeat(300)}/`]);
  });

  it('refuses a key over 1,024 bytes with KeyTooLongError', async () => {
    const response = await fetch(`${cloud.url}/${bucket}/${'k'.repeat(1_025)}`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>KeyTooLongError</Code>');
  });

  it('answers a GET of a key holding %00 with NoSuchKey, not 500', async () => {
    const response = await fetch(`${cloud.url}/${bucket}/a%00b`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('refuses UploadPart to an upload that was never started', async () => {
    const response = await fetch(`${cloud.url}/${bucket}/never?uploadId=${'0'.repeat(32)}&partNumber=1`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchUpload</Code>');
  });

  it("gives a multipart object S3's ETag: the MD5 of the part MD5s, then the part count", async () => {
    const key = 'multi/object.bin';
    const parts = [Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from('tail')];
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const part = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body: body }));
      etags.push(part.ETag!);
    }
    const completed = await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );
    const md5s = Buffer.concat(parts.map((part) => createHash('md5').update(part).digest()));
    const expected = `"${createHash('md5').update(md5s).digest('hex')}-2"`;
    expect(completed.ETag).toBe(expected);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ETag).toBe(expected);
    expect(head.ContentLength).toBe(parts[0]!.length + 4);
  });
});

describe('S3 writes are atomic', () => {
  it('never shows a reader part of an object being overwritten', async () => {
    const key = 'atomic/large.bin';
    const versions = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => Buffer.alloc(4 * 1024 * 1024, letter));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: versions[0] }));
    let writing = true;
    const writer = (async () => {
      for (const body of versions.slice(1)) await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      writing = false;
    })();
    const seen: string[] = [];
    while (writing) {
      const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = Buffer.from(await read.Body!.transformToByteArray());
      expect(body.length).toBe(4 * 1024 * 1024);
      const letter = String.fromCharCode(body[0]!);
      expect(body.equals(Buffer.alloc(body.length, letter))).toBe(true);
      seen.push(letter);
    }
    await writer;
    expect(seen.length).toBeGreaterThan(0);
  });
});
