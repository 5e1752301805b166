import { BatchGetItemCommand, type AttributeValue, type BatchGetItemCommandOutput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

const FINAL = ['ORDER_STOCK_DEPLETED_STATUS', 'ORDER_PAYMENT_ACCEPTED_STATUS', 'ORDER_PAYMENT_REJECTED_STATUS'];
const ALLOCATION_DONE = ['COMPLETED_PAYMENT_ACCEPTED', 'DEALLOCATED_PAYMENT_REJECTED'];

export interface FinishedOrder {
  readonly status: string;
  /** When the SyncOrderWorker set the final status (the order item's `updatedAt`), epoch ms. */
  readonly finishedAt: number;
}

type Item = Record<string, AttributeValue>;

/**
 * Watches orders reach a final status by reading their order items straight from the table, 100
 * keys per BatchGetItem, every `intervalMs` — cheaper than paging through listOrders, and the
 * latency it reports comes from the item's `updatedAt`, not from when the poll noticed it.
 */
export async function waitForFinalOrders(client: DynamoDBClient, table: string, orderIds: readonly string[], timeoutMs: number): Promise<Map<string, FinishedOrder>> {
  const finished = new Map<string, FinishedOrder>();
  const key = (id: string) => ({ pk: { S: `ORDERS#ORDER_ID#${id}` }, sk: { S: `ORDER_ID#${id}` } });
  await pollUntilDone(orderIds, timeoutMs, 'orders reached a final status', async (pending) => {
    for (const item of await batchGet(client, table, pending.map(key), ['orderId', 'orderStatus', 'updatedAt'])) {
      const status = item.orderStatus?.S ?? '';
      if (item.orderId?.S && FINAL.includes(status)) finished.set(item.orderId.S, { status, finishedAt: Date.parse(item.updatedAt?.S ?? '') });
    }
    return [...finished.keys()];
  });
  return finished;
}

/** Waits until every order's stock allocation was completed or returned: the saga's last write. */
export async function waitForSettledAllocations(client: DynamoDBClient, table: string, orders: readonly { orderId: string; sku: string }[], timeoutMs: number): Promise<void> {
  const skuOf = new Map(orders.map((order) => [order.orderId, order.sku]));
  const key = (id: string) => ({ pk: { S: `INVENTORY#SKU#${skuOf.get(id)}` }, sk: { S: `SKU#${skuOf.get(id)}#ORDER_ID#${id}#ORDER_ALLOCATION` } });
  const done = new Set<string>();
  await pollUntilDone([...skuOf.keys()], timeoutMs, 'allocations were completed', async (pending) => {
    for (const item of await batchGet(client, table, pending.map(key), ['orderId', 'allocationStatus'])) {
      if (item.orderId?.S && ALLOCATION_DONE.includes(item.allocationStatus?.S ?? '')) done.add(item.orderId.S);
    }
    return [...done];
  });
}

async function pollUntilDone(ids: readonly string[], timeoutMs: number, what: string, check: (pending: string[]) => Promise<string[]>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const done = new Set<string>();
  for (;;) {
    const pending = ids.filter((id) => !done.has(id));
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`only ${done.size}/${ids.length} ${what} within ${timeoutMs / 1000} s`);
    for (let start = 0; start < pending.length; start += 100) for (const id of await check(pending.slice(start, start + 100))) done.add(id);
    // Latencies come from the items' updatedAt, so a slow poll costs no precision; a fast one
    // would load DynamoDB Local with reads and slow the saga it measures.
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

const POLL_INTERVAL_MS = 1_000;

async function batchGet(client: DynamoDBClient, table: string, keys: Item[], attributes: readonly string[]): Promise<Item[]> {
  const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  const items: Item[] = [];
  let pending: Item[] | undefined = keys;
  while (pending && pending.length > 0) {
    const page: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } } }));
    items.push(...(page.Responses?.[table] ?? []));
    pending = page.UnprocessedKeys?.[table]?.Keys;
  }
  return items;
}
