import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dirs.ts';
import { DynamoDbLocalError } from './errors.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './process.ts';
import { indexStreamRecords, SHARED_DB_FILE, STREAM_RECORDS_INDEX } from './database-file.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const tempDir = tempDirs('eventloom-ddb-file-');
const running: DynamoDbLocal[] = [];

async function start(dataDir?: string, tuneDatabaseFile?: boolean): Promise<DynamoDbLocal> {
  const ddb = await startDynamoDbLocal({ ...(dataDir !== undefined && { dataDir }), ...(tuneDatabaseFile !== undefined && { tuneDatabaseFile }) });
  running.push(ddb);
  return ddb;
}

// Registered after tempDirs' cleanup, so it runs first (after-hooks run in reverse, vitest's default `sequence.hooks: 'stack'`).
afterEach(async () => {
  await Promise.all(running.splice(0).map((ddb) => ddb.stop()));
});

async function createStreamTable(client: DynamoDBClient, TableName: string): Promise<string> {
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  return TableDescription!.LatestStreamArn!;
}

async function readWholeStream(streams: DynamoDBStreamsClient, StreamArn: string): Promise<string[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
  const keys: string[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    while (ShardIterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 7 }));
      keys.push(...(page.Records ?? []).map((record) => record.dynamodb!.Keys!.pk!.S!));
      if ((page.Records ?? []).length === 0) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return keys;
}

describe("the local cloud's tuning of DynamoDB Local's database file", () => {
  it('indexes the stream records at start, the index serving the per-write MIN(SequenceNumber) lookup and GetRecords, and every stream reads its own records in order', async () => {
    const dataDir = tempDir();
    const ddb = await start(dataDir);
    expect(ddb.databaseFile).toEqual({ journalMode: 'wal', streamRecordsIndex: 'created' });

    const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials });
    const streams = new DynamoDBStreamsClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials });
    try {
      const first = await createStreamTable(client, 'first');
      const second = await createStreamTable(client, 'second');
      // Interleaved: each stream's records sit between the other's in the shared table.
      for (let i = 0; i < 20; i++) {
        await client.send(new PutItemCommand({ TableName: 'first', Item: { pk: { S: `a${i}` } } }));
        await client.send(new PutItemCommand({ TableName: 'second', Item: { pk: { S: `b${i}` } } }));
      }
      const expected = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
      expect(await readWholeStream(streams, first)).toEqual(expected('a'));
      expect(await readWholeStream(streams, second)).toEqual(expected('b'));
    } finally {
      client.destroy();
      streams.destroy();
    }

    const db = new Database(join(dataDir, SHARED_DB_FILE), { readonly: true });
    try {
      // The two statements of DynamoDB Local's that filter stream records by stream (SQL read from its jar).
      const planOf = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail).join('\n');
      expect(planOf('SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?', 's')).toContain(STREAM_RECORDS_INDEX);
      const getRecords = 'SELECT SequenceNumber, StreamRecord, OperationType, CreationDateTime FROM us WHERE StreamID = ? AND ShardID = ? AND SequenceNumber >= ? AND CreationDateTime > ? ORDER BY SequenceNumber ASC LIMIT ?';
      expect(planOf(getRecords, 's', 'shard', 0, 0, 100)).toContain(STREAM_RECORDS_INDEX);
    } finally {
      db.close();
    }
  });

  it.each([
    { end: 'a stop', stopIt: (ddb: DynamoDbLocal) => ddb.stop() },
    { end: 'a kill -9 of the JVM', stopIt: (ddb: DynamoDbLocal) => (process.kill(ddb.pid, 'SIGKILL'), ddb.stop()) },
  ])('finds both again on the next start after $end, with every acknowledged write kept', async ({ stopIt }) => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const client = new DynamoDBClient({ endpoint: first.endpoint, region: 'us-east-1', credentials });
    const arn = await createStreamTable(client, 'kept');
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    for (const pk of keys) await client.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: pk } } }));
    client.destroy();
    await stopIt(first);

    const second = await start(dataDir);
    expect(second.databaseFile).toEqual({ journalMode: 'wal', streamRecordsIndex: 'present' });
    const streams = new DynamoDBStreamsClient({ endpoint: second.endpoint, region: 'us-east-1', credentials });
    try {
      expect(await readWholeStream(streams, arn)).toEqual(keys);
    } finally {
      streams.destroy();
    }
  });

  it('leaves the file as DynamoDB Local makes it with tuneDatabaseFile: false, and does nothing in memory', async () => {
    const dataDir = tempDir();
    const plain = await start(dataDir, false);
    expect(plain.databaseFile).toBeUndefined();
    const db = new Database(join(dataDir, SHARED_DB_FILE), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?").get(STREAM_RECORDS_INDEX)).toBeUndefined();
    } finally {
      db.close();
    }
    const inMemory = await start();
    expect(inMemory.databaseFile).toBeUndefined();
  });

  it('refuses at once, naming the file, a database file that is not a database (DynamoDB Local would never answer on it)', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, SHARED_DB_FILE);
    writeFileSync(file, 'not a database '.repeat(400));
    const starting = start(dataDir);
    await expect(starting).rejects.toThrow(DynamoDbLocalError);
    await expect(starting).rejects.toThrow(`${file} is damaged or not a database`);
  });

  it('is left alone where DynamoDB Local has no stream table yet, or no database file', () => {
    const empty = tempDir();
    expect(indexStreamRecords(empty)).toBe('no-stream-table');
    const other = tempDir();
    new Database(join(other, SHARED_DB_FILE)).exec('CREATE TABLE unrelated (x)').close();
    expect(indexStreamRecords(other)).toBe('no-stream-table');
  });
});
