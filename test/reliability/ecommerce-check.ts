import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { EcommerceApi } from '../../src/apps/ecommerce/seed/api.ts';
import { seedOrders, seedRestocks } from '../../src/apps/ecommerce/seed/data.ts';
import { summarize, type SeedSummary } from '../../src/apps/ecommerce/seed/summary.ts';
import { testCredentials } from '../support/cloud.ts';

/** What issue 15's tester checked after every crash, read from a running cloud (its `.env` variables). */
export interface EcommerceFacts {
  /** The seed's own summary: every order final, `remaining + sold = restocked` per SKU. */
  readonly summary: SeedSummary;
  /** Payments and stock allocations stored, and the orders that should have one (all but the depleted). */
  readonly payments: number;
  readonly allocations: number;
  readonly allocatedOrders: number;
  /** Orders whose payment, or whose stock allocation, exists more than once. */
  readonly duplicatePayments: readonly string[];
  readonly duplicateAllocations: readonly string[];
  /** Orders with a payment but no allocation, or with an allocation but no payment (a half-applied saga). */
  readonly unmatched: readonly string[];
  /** Orders whose event history is not exactly one of the saga's paths (a repeated or contradictory event). */
  readonly badEventHistories: readonly string[];
  /** Restock lots stored, against the data set's. */
  readonly lots: number;
  readonly expectedLots: number;
  /** Messages in dead-letter queues, and in any queue at all (a settled system has none). */
  readonly deadLetters: Readonly<Record<string, number>>;
  readonly queuedMessages: number;
}

/** The event histories an order can have once the saga is over, by its final status. */
const PATHS: Readonly<Record<string, readonly string[]>> = {
  ORDER_STOCK_DEPLETED_STATUS: ['ORDER_CREATED_EVENT', 'ORDER_PLACED_EVENT', 'ORDER_STOCK_DEPLETED_EVENT'],
  ORDER_PAYMENT_ACCEPTED_STATUS: ['ORDER_CREATED_EVENT', 'ORDER_PAYMENT_ACCEPTED_EVENT', 'ORDER_PLACED_EVENT', 'ORDER_STOCK_ALLOCATED_EVENT'],
  ORDER_PAYMENT_REJECTED_STATUS: ['ORDER_CREATED_EVENT', 'ORDER_PAYMENT_REJECTED_EVENT', 'ORDER_PLACED_EVENT', 'ORDER_STOCK_ALLOCATED_EVENT'],
};

export async function ecommerceFacts(env: Record<string, string>, app = 'ecommerce'): Promise<EcommerceFacts> {
  const api = new EcommerceApi({ inventory: env.INVENTORY_API_BASE_URL!, orders: env.ORDERS_API_BASE_URL!, payments: env.PAYMENTS_API_BASE_URL! });
  const snapshot = await api.snapshot();
  const summary = summarize({ ...snapshot, restocks: seedRestocks, expectedOrderIds: seedOrders.map((order) => order.orderId) });
  const items = await scanAll(env.AWS_ENDPOINT_URL_DYNAMODB!, `${app}-store`);

  const allocations = items.filter((item) => item.sk?.S?.endsWith('#ORDER_ALLOCATION')).map((item) => item.orderId?.S ?? '?');
  const payments = snapshot.payments.map((payment) => payment.orderId);
  const events = new Map<string, string[]>();
  for (const item of items) {
    const orderId = item.pk?.S?.match(/^EVENTS#ORDER_ID#(.+)$/)?.[1];
    const name = item.eventName?.S;
    if (orderId && name) events.set(orderId, [...(events.get(orderId) ?? []), name]);
  }
  const badEventHistories = snapshot.orders
    .filter((order) => JSON.stringify([...(events.get(order.orderId) ?? [])].sort()) !== JSON.stringify(PATHS[order.orderStatus] ?? ['(not final)']))
    .map((order) => `${order.orderId} ${order.orderStatus}: ${(events.get(order.orderId) ?? []).join(',')}`);
  const paid = new Set(payments);
  const allocated = new Set(allocations);
  const unmatched = [...new Set([...payments.filter((id) => !allocated.has(id)), ...allocations.filter((id) => !paid.has(id))])];

  const { deadLetters, queuedMessages } = await queueDepths(env.AWS_ENDPOINT_URL_SQS!, `${app}-`);
  return {
    summary,
    payments: payments.length,
    allocations: allocations.length,
    allocatedOrders: snapshot.orders.filter((order) => order.orderStatus !== 'ORDER_STOCK_DEPLETED_STATUS').length,
    duplicatePayments: repeated(payments),
    duplicateAllocations: repeated(allocations),
    unmatched,
    badEventHistories,
    lots: items.filter((item) => item.sk?.S?.startsWith('LOT_ID#')).length,
    expectedLots: new Set(seedRestocks.map((restock) => restock.lotId)).size,
    deadLetters,
    queuedMessages,
  };
}

function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => seen.has(id) || !seen.add(id));
}

async function scanAll(endpoint: string, table: string): Promise<Record<string, AttributeValue>[]> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: testCredentials });
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  try {
    do {
      const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } finally {
    client.destroy();
  }
  return items;
}

async function queueDepths(endpoint: string, prefix: string): Promise<{ deadLetters: Record<string, number>; queuedMessages: number }> {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: testCredentials });
  try {
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000 }));
    const deadLetters: Record<string, number> = {};
    let queuedMessages = 0;
    for (const QueueUrl of QueueUrls) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
      );
      const depth = Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) + Number(Attributes.ApproximateNumberOfMessagesDelayed);
      const name = QueueUrl.slice(QueueUrl.lastIndexOf('/') + 1);
      if (/dlq$/i.test(name)) deadLetters[name] = depth;
      queuedMessages += depth;
    }
    return { deadLetters, queuedMessages };
  } finally {
    sqs.destroy();
  }
}
