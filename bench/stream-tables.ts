import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../src/local-cloud/dynamodb/process.ts';
import { SHARED_DB_FILE, STREAM_RECORDS_INDEX } from '../src/local-cloud/dynamodb/stream-records-index.ts';
import { createBenchTable, putItem } from './baseline.ts';
import { processCpuSeconds } from './cpu.ts';
import { runPool } from './stats.ts';

export interface StreamTablesBenchOptions {
  /** Records written to the first stream table before the second one is measured. */
  records: number;
  /** Writes in flight. */
  concurrency: number;
}

/** Writes measured on the second table: enough for a rate, few enough to finish without the index. */
const MEASURED_WRITES = 400;

/**
 * DynamoDB Local as `npm start` runs it (a database file in a data directory): PutItem/s to a second
 * table with a stream once a first one holds `records` stream records, on DynamoDB Local's own
 * schema and with the index the local cloud adds (`indexStreamRecords`), each on a fresh directory.
 */
export async function benchStreamTables({ records, concurrency }: StreamTablesBenchOptions): Promise<void> {
  console.log(`DynamoDB Local on a data directory (${tmpdir()}), ${records} records in a first table's stream, then ${MEASURED_WRITES} PutItem to a second:`);
  const alone = await secondTableRate(records, concurrency, false);
  console.log(`  DynamoDB Local's schema alone:        ${alone.first.toFixed(0)} items/s to the first, ${alone.second.toFixed(0)} items/s to the second (${alone.jvmMsPerWrite.toFixed(1)} ms of JVM CPU per write)`);
  const indexed = await secondTableRate(records, concurrency, true);
  console.log(`  with the local cloud's records index: ${indexed.first.toFixed(0)} items/s to the first, ${indexed.second.toFixed(0)} items/s to the second (${indexed.jvmMsPerWrite.toFixed(1)} ms of JVM CPU per write)`);
  console.log(`  second table, indexed / alone:        ${(indexed.second / alone.second).toFixed(1)}`);
}

async function secondTableRate(records: number, concurrency: number, indexed: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-bench-streams-'));
  const ddb = await startDynamoDbLocal({ dataDir });
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    // Dropped before any request: DynamoDB Local re-prepares its statements on the schema change.
    if (!indexed) new Database(join(dataDir, SHARED_DB_FILE)).exec(`DROP INDEX IF EXISTS ${STREAM_RECORDS_INDEX}`).close();
    for (const table of ['first', 'second']) await createBenchTable(client, table, { stream: true });
    const firstStarted = performance.now();
    await runPool(records, concurrency, (i) => putItem(client, 'first', `a-${i}`).then(() => undefined));
    const first = records / ((performance.now() - firstStarted) / 1000);
    const jvmBefore = processCpuSeconds(ddb.pid);
    const started = performance.now();
    await runPool(MEASURED_WRITES, concurrency, (i) => putItem(client, 'second', `b-${i}`).then(() => undefined));
    const second = MEASURED_WRITES / ((performance.now() - started) / 1000);
    const jvmAfter = processCpuSeconds(ddb.pid);
    const jvmMsPerWrite = jvmBefore === undefined || jvmAfter === undefined ? Number.NaN : ((jvmAfter - jvmBefore) * 1000) / MEASURED_WRITES;
    return { first, second, jvmMsPerWrite };
  } finally {
    client.destroy();
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
