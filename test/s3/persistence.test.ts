import { GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../support/cloud.ts';
import { s3App, s3Client } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'eventloom-s3-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = s3App('s3p', join(dir, 'events.jsonl'), join(dir, 'removals.jsonl'));

describe('S3 persistence', () => {
  it('keeps buckets and objects across a restart with the same data directory', async () => {
    const dataDir = join(dir, 'data');
    const first = await startTestCloud({ apps: [app], dataDir });
    const firstClient = s3Client(first.url);
    await firstClient.send(new PutObjectCommand({ Bucket: 's3p-results', Key: 'kept.txt', Body: 'still here' }));
    firstClient.destroy();
    await first.stop();

    const second = await startTestCloud({ apps: [app], dataDir });
    const client = s3Client(second.url);
    try {
      const got = await client.send(new GetObjectCommand({ Bucket: 's3p-results', Key: 'kept.txt' }));
      const { Buckets = [] } = await client.send(new ListBucketsCommand({}));

      expect(await got.Body!.transformToString()).toBe('still here');
      expect(Buckets.map((b) => b.Name).sort()).toEqual(['s3p-results', 's3p-uploads']);
      expect(existsSync(join(dataDir, 's3', 's3p-results'))).toBe(true);
    } finally {
      client.destroy();
      await second.stop();
    }
  });

  it('removes its temporary store on stop when the cloud has no data directory', async () => {
    const cloud = await startTestCloud({ apps: [app] });
    const directory = cloud.services.s3.directory;
    const existed = existsSync(directory);

    await cloud.stop();

    expect(existed).toBe(true);
    expect(existsSync(directory)).toBe(false);
  });
});
