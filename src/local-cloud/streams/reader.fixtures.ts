// Shared by the StreamReader integration tests: tables on the run's DynamoDB Local, a recording
// consumer, readers stopped after every test.
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, inject } from 'vitest';
import { openStateDb } from '../state/db.ts';
import { CheckpointStore, StreamReader, type DynamoDBStreamRecord, type StreamBatch, type StreamReaderOptions } from './index.ts';

const config = { endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
export const ddb = new DynamoDBClient(config);
export const streams = new DynamoDBStreamsClient(config);
const readers: StreamReader[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  ddb.destroy();
  streams.destroy();
});

export async function createTable(): Promise<{ tableName: string; streamArn: string }> {
  const tableName = `streams-reader-${randomUUID()}`;
  const { TableDescription } = await ddb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return { tableName, streamArn: TableDescription?.LatestStreamArn ?? '' };
}

export async function put(tableName: string, pk: string, fields: Record<string, string> = {}): Promise<void> {
  const item = Object.fromEntries(Object.entries({ pk, ...fields }).map(([name, value]) => [name, { S: value }]));
  await ddb.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

/** A consumer that records every batch and checkpoints its last record; `behaviour` may throw first. */
export function consumer(behaviour: (batch: StreamBatch, call: number) => void = () => {}) {
  const batches: StreamBatch[] = [];
  const onBatch = async (batch: StreamBatch) => {
    batches.push(batch);
    behaviour(batch, batches.length);
    batch.checkpoint(batch.records.at(-1)?.dynamodb.SequenceNumber ?? '');
  };
  const records = (): DynamoDBStreamRecord[] => batches.flatMap((batch) => batch.records);
  return { batches, onBatch, records, keys: () => records().map((record) => record.dynamodb.Keys.pk?.S) };
}

export function capturingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, warn: log('warn'), error: log('error') };
}

/** Starts a reader with test defaults (fresh consumer, in-memory checkpoints, quick retries); stopped after the test. */
export function startReader(options: Partial<StreamReaderOptions> & Pick<StreamReaderOptions, 'streamArn' | 'onBatch'>): StreamReader {
  const reader = new StreamReader({
    consumerId: `test:${randomUUID()}`,
    client: streams,
    checkpoints: new CheckpointStore(openStateDb(':memory:')),
    startingPosition: 'TRIM_HORIZON',
    retryDelayMs: { min: 10, max: 50 },
    logger: capturingLogger(),
    ...options,
  });
  readers.push(reader);
  reader.start();
  return reader;
}

/** A state database file in a temporary directory removed after the test. */
export function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-streams-'));
  tempDirs.push(dir);
  return join(dir, 'state.db');
}
