import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../src/local-cloud/dynamodb/process.ts';
import { createBenchTable, putItem } from './baseline.ts';
import { cpuMeter, perItem } from './cpu.ts';
import { runPool } from './stats.ts';

export interface DataDirBenchOptions {
  /** Writes per round to the first table (three rounds). */
  items: number;
  /** Writes in flight. */
  concurrency: number;
}

const ROUNDS = 3;
/** Writes measured on the second table: enough for a rate, few enough to finish on the untuned file. */
const SECOND_TABLE_WRITES = 400;

/**
 * DynamoDB Local as `npm start` runs it, on a database file in a data directory: PutItem/s to a
 * table with a stream (best of three rounds), then to a second table with a stream once the first
 * holds those records — on the file as DynamoDB Local makes it and as the local cloud tunes it
 * (`database-file.ts`), each on a fresh directory of the OS's temporary directory.
 */
export async function benchDataDir({ items, concurrency }: DataDirBenchOptions): Promise<void> {
  console.log(`DynamoDB Local on a data directory in ${tmpdir()}: ${ROUNDS} rounds of ${items} PutItem to a table with a stream, then ${SECOND_TABLE_WRITES} to a second one`);
  const plain = await measure(items, concurrency, false);
  const tuned = await measure(items, concurrency, true);
  const line = (label: string, { first, second, jvmMsPerWrite }: Awaited<ReturnType<typeof measure>>) =>
    console.log(`  ${label} first ${first.toFixed(0)} items/s, second ${second.toFixed(0)} items/s (${jvmMsPerWrite.toFixed(1)} ms of JVM CPU per write)`);
  line("DynamoDB Local's file as it makes it:  ", plain);
  line('tuned (write-ahead log, records index):', tuned);
  console.log(`  ratio tuned / as made: first ${(tuned.first / plain.first).toFixed(2)}, second ${(tuned.second / plain.second).toFixed(1)}`);
}

async function measure(items: number, concurrency: number, tuneDatabaseFile: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-bench-data-dir-'));
  const ddb = await startDynamoDbLocal({ dataDir, tuneDatabaseFile });
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    for (const table of ['first', 'second']) await createBenchTable(client, table, { stream: true });
    let first = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      await runPool(items, concurrency, (i) => putItem(client, 'first', `a-${round}-${i}`).then(() => undefined));
      first = Math.max(first, items / ((performance.now() - started) / 1000));
    }
    const cpu = cpuMeter(ddb.pid);
    const started = performance.now();
    await runPool(SECOND_TABLE_WRITES, concurrency, (i) => putItem(client, 'second', `b-${i}`).then(() => undefined));
    const second = SECOND_TABLE_WRITES / ((performance.now() - started) / 1000);
    const jvmPerWrite = perItem(cpu.stop(), SECOND_TABLE_WRITES).jvm;
    return { first, second, jvmMsPerWrite: jvmPerWrite === undefined ? Number.NaN : jvmPerWrite * 1000 };
  } finally {
    client.destroy();
    await ddb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
