import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ecommerceApp } from '../src/apps/ecommerce/topology.ts';
import { startLocalCloud, type LocalCloud } from '../src/local-cloud/cloud.ts';
import { silentLogger } from '../src/platform/log.ts';
import { rawPutRate, withBaseline } from './baseline.ts';
import { cpuMeter } from './cpu.ts';
import { waitForFinalOrders, waitForSettledAllocations } from './order-tracker.ts';
import { latencySummary, runPool } from './stats.ts';
import { countStreamRecords, diffCounts } from './stream-count.ts';

export interface EcommerceBenchOptions {
  /** Writes (and writes in flight) of the raw PutItem baseline. */
  items: number;
  concurrency: number;
  /** Orders measured, placed with `orderConcurrency` placeOrder requests in flight. */
  orders: number;
  orderConcurrency: number;
  /** Orders run through the saga first (cold worker threads, first module loads), not measured. */
  warmup: number;
}

const APP = 'benchshop';
/** Orders placed one at a time after the measured run, each once the one before it finished: the light-load latency. */
const LIGHT_ORDERS = 20;
const SKUS = ['BENCH-APPLES', 'BENCH-GRAPES', 'BENCH-ORANGES', 'BENCH-PEARS'];

/**
 * The ecommerce saga end to end on the local cloud (payment gateway in `accept` mode): orders/s from
 * the first placeOrder to the last order in ORDER_PAYMENT_ACCEPTED_STATUS, latency per order, item
 * writes per order counted from the table's stream, and how that write rate compares with raw PutItem.
 */
export async function benchEcommerce(options: EcommerceBenchOptions): Promise<void> {
  // The workers log each dropped duplicate at warn; functions read LOG_LEVEL when they start.
  process.env.LOG_LEVEL ??= 'error';
  await withBaseline(options.items, options.concurrency, async ({ endpoint, client, putsPerSecond, jvmPid }) => {
    const cloud = await startLocalCloud({ apps: [ecommerceApp({ name: APP, paymentGateway: { mode: 'accept' } })], port: 0, dynamoDbEndpoint: endpoint, logger: silentLogger });
    const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      const table = cloud.apps[0]!.tables.get('store')!;
      const shop = new Shop(cloud, client, table.name);
      await shop.restock(Math.ceil(options.warmup / SKUS.length) + Math.ceil(options.orders / SKUS.length) + Math.ceil(LIGHT_ORDERS / SKUS.length));
      await shop.run('warm', options.warmup, options.orderConcurrency);

      // Shop.run returns once each order's allocation was completed too: the saga's last write.
      const count = () => quietCount(() => countStreamRecords(streams, table.streamArn!));
      const before = await count();
      const cpu = cpuMeter(jvmPid);
      const run = await shop.run('run', options.orders, options.orderConcurrency);
      const used = cpu.stop();
      const rssMb = process.memoryUsage().rss / 1_048_576;
      const after = await count();
      const writes = diffCounts(before, after);
      const perOrder = writes.total / options.orders;
      const breakdown = [...writes.byKind].map(([kind, count]) => `${kind} ${(count / options.orders).toFixed(1)}`).join(', ');

      console.log(`ecommerce saga end to end:         ${run.ordersPerSecond.toFixed(1)} orders/s  (${options.orders} orders, ${options.orderConcurrency} placeOrder in flight, ${run.statuses})`);
      console.log(`  placeOrder → final status:       ${run.latency}`);
      console.log(`  placeOrder API alone:            ${run.requestsPerSecond.toFixed(0)} requests/s while the saga ran`);
      console.log(`  item writes per order:           ${perOrder.toFixed(1)}  (${breakdown}; stream records, i.e. successful Put/Update/transaction items)`);
      console.log(`  ratio (orders/s × writes/order) / raw PutItem: ${((run.ordersPerSecond * perOrder) / putsPerSecond).toFixed(2)}`);
      console.log(`  CPU-seconds per order: node ${(used.node / options.orders).toFixed(3)} JVM ${used.jvm === undefined ? 'n/a' : (used.jvm / options.orders).toFixed(3)}`);
      console.log(`  node RSS after the saga: ${rssMb.toFixed(0)} MB`);
      const light: number[] = [];
      for (let n = 0; n < LIGHT_ORDERS; n++) light.push(...(await shop.run(`light${n}`, 1, 1, n)).latencies);
      console.log(`  one order at a time (${LIGHT_ORDERS} orders, each placed once the last finished), placeOrder → final status: ${latencySummary(light.sort((a, b) => a - b))}`);
      await proxyCost(cloud.url, putsPerSecond, options);
    } finally {
      streams.destroy();
      await cloud.stop();
    }
  });
}

/** Places orders through the HTTP API and follows them to their final status in the table. */
class Shop {
  private readonly ordersUrl: string;
  private readonly inventoryUrl: string;

  constructor(
    cloud: LocalCloud,
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {
    this.ordersUrl = `${cloud.apiUrl(APP, 'orders')}/api/v1/orders/placeOrder`;
    this.inventoryUrl = `${cloud.apiUrl(APP, 'inventory')}/api/v1/inventory/restockSku`;
  }

  /** One lot of `units` per SKU, then waits until the RestockSkuWorker applied them all. */
  async restock(units: number): Promise<void> {
    for (const sku of SKUS) await post(this.inventoryUrl, { sku, units, lotId: 'LOT-0001' });
    const deadline = Date.now() + 60_000;
    for (const sku of SKUS) {
      for (;;) {
        const { Item } = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `INVENTORY#SKU#${sku}` }, sk: { S: `SKU#${sku}` } } }));
        if (Number(Item?.units?.N ?? 0) >= units) break;
        if (Date.now() > deadline) throw new Error(`the restock of ${sku} was not applied within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** `count` orders; the SKUs take turns from the `first`th on (each was restocked for its share). */
  async run(prefix: string, count: number, concurrency: number, first = 0) {
    const orders = Array.from({ length: count }, (_, n) => ({ orderId: `${prefix}-${String(n).padStart(6, '0')}`, sku: SKUS[(first + n) % SKUS.length]! }));
    const ids = orders.map((order) => order.orderId);
    const sentAt = new Map<string, number>();
    const timeoutMs = 120_000 + count * 200;
    const started = Date.now();
    const tracking = waitForFinalOrders(this.client, this.table, ids, timeoutMs);
    await runPool(count, concurrency, async (n) => {
      const order = orders[n]!;
      sentAt.set(order.orderId, Date.now());
      await post(this.ordersUrl, { ...order, units: 1, price: 10, userId: 'BENCH-USER' });
    });
    const requestsPerSecond = count / ((Date.now() - started) / 1000);
    const finished = await tracking;
    await waitForSettledAllocations(this.client, this.table, orders, timeoutMs);

    const latencies = ids.map((id) => finished.get(id)!.finishedAt - sentAt.get(id)!).sort((a, b) => a - b);
    const lastFinish = Math.max(...[...finished.values()].map((order) => order.finishedAt));
    const statuses = new Map<string, number>();
    for (const { status } of finished.values()) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return {
      ordersPerSecond: count / ((lastFinish - started) / 1000),
      requestsPerSecond,
      latencies,
      latency: latencySummary(latencies),
      statuses: [...statuses].map(([status, n]) => `${n} ${status}`).join(', '),
    };
  }
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

/** Repeats `count` until two readings 1 s apart agree. */
async function quietCount(count: () => Promise<Map<string, number>>): Promise<Map<string, number>> {
  let previous = await count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await count();
    if ([...current.values()].reduce((a, b) => a + b, 0) === [...previous.values()].reduce((a, b) => a + b, 0)) return current;
    previous = current;
  }
}

/** PutItem through the main port (the proxy that wakes stream readers) against PutItem on DynamoDB Local directly. */
async function proxyCost(url: string, directRate: number, options: EcommerceBenchOptions): Promise<void> {
  const viaProxy = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const { rate } = await rawPutRate(viaProxy, options.items, options.concurrency);
    console.log(`  PutItem through the main port: ${rate.toFixed(0)} items/s = ${(rate / directRate).toFixed(2)} of direct (no stream)`);
  } finally {
    viaProxy.destroy();
  }
}
