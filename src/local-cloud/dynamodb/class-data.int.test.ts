import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from './process.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'eventloom-cds-'));

function archives(): string[] {
  const root = join(cacheDir, 'dynamodb-local');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((key) => readdirSync(join(root, key)).filter((name) => name.endsWith('.jsa')).map((name) => join(root, key, name)));
}

async function answers(ddb: DynamoDbLocal): Promise<void> {
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await client.send(new ListTablesCommand({}));
  } finally {
    client.destroy();
  }
}

describe('DynamoDB Local class-data sharing', () => {
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('makes the archive on a first run, uses it on the next, and starts normally from a damaged one', { timeout: 180_000 }, async () => {
    // Prepare / Act: a first run in an empty cache makes the archive as its JVM stops.
    const first = await startDynamoDbLocal({ classDataCacheDir: cacheDir });
    expect(first.classData).toBe('create');
    await answers(first);
    await first.stop();
    const [archive] = archives();
    expect(archive).toBeDefined();
    const made = statSync(archive!).mtimeMs;

    // The next run maps it, and leaves it as it was.
    const second = await startDynamoDbLocal({ classDataCacheDir: cacheDir });
    expect(second.classData).toBe('use');
    await answers(second);
    await second.stop();
    expect(archives()).toEqual([archive]);
    expect(statSync(archive!).mtimeMs).toBe(made);

    // A truncated archive (a crash while writing it) crashes a JVM mapping it: the start falls back
    // to a plain one, and the archive goes, so that the next start makes a new one.
    truncateSync(archive!, 100_000);
    const third = await startDynamoDbLocal({ classDataCacheDir: cacheDir });
    await answers(third);
    expect(third.classData).toBe('off');
    await third.stop();
    expect(archives()).toEqual([]);
    const fourth = await startDynamoDbLocal({ classDataCacheDir: cacheDir });
    expect(fourth.classData).toBe('create');
    await fourth.stop();
  });

  it('starts without an archive when told to', async () => {
    const ddb = await startDynamoDbLocal({ classDataCacheDir: false });
    try {
      expect(ddb.classData).toBe('off');
      await answers(ddb);
    } finally {
      await ddb.stop();
    }
  });
});
