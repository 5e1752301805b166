import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../src/local-cloud/dynamodb/process.ts';
import { cpuMeter, perItem, type CpuUsed } from './cpu.ts';
import { runPool } from './stats.ts';

export interface Baseline {
  /** The in-memory DynamoDB Local every phase of one benchmark runs on. */
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** Raw PutItem/s of that DynamoDB Local (no stream, nothing listening): the ceiling. */
  readonly putsPerSecond: number;
  /** The DynamoDB Local JVM's process id (its CPU time is read from /proc). */
  readonly jvmPid: number;
  /** CPU-seconds node (the writer) and the JVM spent per PutItem in the fastest round. */
  readonly cpuPerPut: CpuUsed;
}

/**
 * Starts an in-memory DynamoDB Local, measures its warm raw PutItem rate (`items` writes per round,
 * `concurrency` in flight), prints it, runs `measure` on the same (now warm) instance, stops it.
 */
export async function withBaseline(items: number, concurrency: number, measure: (baseline: Baseline) => Promise<void>): Promise<void> {
  const ddb = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const { rate: putsPerSecond, rounds, cpuPerPut } = await rawPutRate(client, items, concurrency, ddb.pid);
    console.log(`raw DynamoDB Local PutItem:        ${putsPerSecond.toFixed(0)} items/s  (best of ${rounds} rounds of ${items} items until warm, concurrency ${concurrency}, no stream)`);
    console.log(`  CPU per PutItem:                 ${formatCpuPerItem(cpuPerPut)}`);
    await measure({ endpoint: ddb.endpoint, client, putsPerSecond, jvmPid: ddb.pid, cpuPerPut });
  } finally {
    client.destroy();
    await ddb.stop();
  }
}

/**
 * DynamoDB Local is a JVM: its PutItem rate keeps climbing for thousands of writes while the JIT
 * warms up (measured: 220 → 1,100 items/s over five rounds of 2,000). A figure from a cold JVM would
 * flatter every ratio, so rounds of `items` writes repeat until one gains less than 10 % (at most 8).
 */
export async function rawPutRate(client: DynamoDBClient, items: number, concurrency: number, jvmPid = -1): Promise<{ rate: number; rounds: number; cpuPerPut: CpuUsed }> {
  const TableName = 'bench-raw';
  await createBenchTable(client, TableName);
  let rate = 0;
  let rounds = 0;
  let cpuPerPut: CpuUsed = { node: Number.NaN, jvm: undefined };
  while (rounds < 8) {
    rounds++;
    const cpu = cpuMeter(jvmPid);
    const started = performance.now();
    await runPool(items, concurrency, (i) => putItem(client, TableName, `item-${rounds}-${i}`).then(() => undefined));
    const current = items / ((performance.now() - started) / 1000);
    const used = cpu.stop();
    const settled = current < rate * 1.1;
    if (current > rate) cpuPerPut = perItem(used, items);
    rate = Math.max(rate, current);
    if (settled) break;
  }
  await client.send(new DeleteTableCommand({ TableName }));
  return { rate, rounds, cpuPerPut };
}

/** `node 0.52 ms, JVM 0.41 ms`: CPU per item from CPU-seconds per item. */
export function formatCpuPerItem({ node, jvm }: CpuUsed): string {
  return `node ${(node * 1000).toFixed(2)} ms, JVM ${jvm === undefined ? 'n/a' : `${(jvm * 1000).toFixed(2)} ms`}`;
}

/** A table keyed by a string `pk`, on demand; with `stream`, a NEW_IMAGE stream. */
export async function createBenchTable(client: DynamoDBClient, TableName: string, { stream = false } = {}): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
}

/** One ~100-byte item. */
export function putItem(client: DynamoDBClient, table: string, pk: string) {
  return client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, payload: { S: 'x'.repeat(100) } } }));
}
