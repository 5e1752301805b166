import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../src/local-cloud/cloud.ts';
import { startDynamoDbLocal } from '../src/local-cloud/dynamodb/process.ts';
import { silentLogger } from '../src/platform/log.ts';
import { defineApp } from '../src/platform/topology/define.ts';
import { percentile, runPool } from './stats.ts';

const USAGE = `Usage: npm run bench -- [--items 2000] [--concurrency 16]

Measures, in one run on one in-memory DynamoDB Local:
  1. raw DynamoDB Local PutItem/s (the ceiling);
  2. events/s and latency from PutItem to handler start through
     stream → pipe → bus → rule → SQS → Lambda (no-op handler),
and prints the ratio of the two. Prints figures; asserts nothing.`;

const benchApp = defineApp({
  name: 'bench',
  tables: { events: { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_IMAGE' } },
  buses: { bus: {} },
  pipes: { events: { sourceTable: 'events', source: { startingPosition: 'TRIM_HORIZON', batchSize: 100 }, target: { bus: 'bus', source: 'bench', detailType: 'ItemWritten' } } },
  queues: { work: { visibilityTimeoutSeconds: 30 } },
  rules: { written: { bus: 'bus', eventPattern: { source: ['bench'] }, targets: [{ queue: 'work' }] } },
  functions: {
    noop: {
      handler: 'bench/noop-handler.ts#handler',
      timeoutSeconds: 10,
      triggers: [{ type: 'sqs', queue: 'work', batchSize: 10, maximumConcurrency: 4 }],
    },
  },
});

export async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { items: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  const items = Number(values.items);
  const concurrency = Number(values.concurrency);

  const ddb = await startDynamoDbLocal();
  try {
    const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const raw = await rawPutRate(client, items, concurrency);
    console.log(`raw DynamoDB Local PutItem:     ${raw.toFixed(0)} items/s  (${items} items, concurrency ${concurrency}, no stream)`);
    const pipeline = await pipelineRate(ddb.endpoint, client, items, concurrency);
    console.log(`pipeline write rate:            ${pipeline.writeRate.toFixed(0)} items/s  (stream enabled, pipeline running)`);
    console.log(`pipeline events delivered:      ${pipeline.eventsPerSecond.toFixed(0)} events/s  (PutItem → handler start, ${items} events)`);
    console.log(`latency PutItem → handler:      p50 ${pipeline.p50} ms  p95 ${pipeline.p95} ms  p99 ${pipeline.p99} ms`);
    console.log(`ratio pipeline / raw PutItem:   ${(pipeline.eventsPerSecond / raw).toFixed(2)}`);
    client.destroy();
  } finally {
    await ddb.stop();
  }
}

async function rawPutRate(client: DynamoDBClient, items: number, concurrency: number): Promise<number> {
  const TableName = 'bench-raw';
  await client.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
  await runPool(200, concurrency, (i) => put(client, TableName, `warm-${i}`).then(() => undefined));
  const started = performance.now();
  await runPool(items, concurrency, (i) => put(client, TableName, `item-${i}`).then(() => undefined));
  const rate = items / ((performance.now() - started) / 1000);
  await client.send(new DeleteTableCommand({ TableName }));
  return rate;
}

async function pipelineRate(endpoint: string, client: DynamoDBClient, items: number, concurrency: number) {
  const cloud = await startLocalCloud({ apps: [benchApp], port: 0, dynamoDbEndpoint: endpoint, logger: silentLogger });
  const channel = new BroadcastChannel('eventloom-bench');
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastStart = 0;
  const allDelivered = new Promise<void>((resolve) => {
    channel.onmessage = (message: MessageEvent) => {
      const data = message.data as { ids: string[]; startedAt: number };
      for (const id of data.ids) {
        const at = writtenAt.get(id);
        if (at === undefined) continue;
        writtenAt.delete(id);
        latencies.push(data.startedAt - at);
      }
      lastStart = Math.max(lastStart, data.startedAt);
      if (latencies.length >= items) resolve();
    };
  });
  try {
    const table = 'bench-events';
    const started = Date.now();
    await runPool(items, concurrency, async (i) => {
      const id = `event-${i}`;
      writtenAt.set(id, Date.now());
      await put(client, table, id);
    });
    const writeRate = items / ((Date.now() - started) / 1000);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${latencies.length}/${items} events arrived within 120 s`)), 120_000).unref());
    await Promise.race([allDelivered, timeout]);
    latencies.sort((a, b) => a - b);
    return {
      writeRate,
      eventsPerSecond: items / ((lastStart - started) / 1000),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    };
  } finally {
    channel.close();
    await cloud.stop();
  }
}

function put(client: DynamoDBClient, table: string, pk: string) {
  return client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, payload: { S: 'x'.repeat(100) } } }));
}
