import { defineApp, tableName, tableStreamArn } from '../../platform/topology/define.ts';
import type { DynamoDbAction, FunctionDef, QueueDef, RuleDef } from '../../platform/topology/types.ts';
import { ORDER_EVENT_NAMES, SKU_RESTOCKED_EVENT } from './events.ts';

export interface PaymentGatewaySettings {
  /** `random` (the reference's fake: accept with `acceptRate`, else fail), `accept`, `reject` or `fail`. Default `random`. */
  mode?: 'random' | 'accept' | 'reject' | 'fail';
  /** Default 0.3. */
  acceptRate?: number;
  /** Seeds the fake's draws (deterministic per order and attempt); default: unseeded. */
  seed?: string;
}

export interface EcommerceOptions {
  /** App name, also the prefix of every local resource. Default `ecommerce`. */
  name?: string;
  /** Default: none declared, so the function reads PAYMENT_GATEWAY_MODE / _ACCEPT_RATE / _SEED from its environment (locally: the shell of `npm start`), else the reference's fake. */
  paymentGateway?: PaymentGatewaySettings;
}

const root = 'src/apps/ecommerce';
/** The table variables of `shared/config.ts`: one logical database each, all in the one `store` table (decision 8). */
const EVENT_STORE = { EVENT_STORE_TABLE_NAME: tableName('store') };
const INVENTORY = { INVENTORY_TABLE_NAME: tableName('store') };
const ORDERS = { ORDERS_TABLE_NAME: tableName('store') };
const PAYMENTS = { PAYMENTS_TABLE_NAME: tableName('store') };
/** Transactions need the actions of their items (TransactWriteItems has none of its own). */
const store = (...actions: DynamoDbAction[]) => ({ store: actions });
const cors = {
  allowOrigins: ['*'],
  allowMethods: ['POST', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key'],
  exposeHeaders: ['*'],
};

/** An API function: its handler, only the table variables it reads and exactly the actions it uses. */
const api = (slice: string, environment: FunctionDef['environment'], tableAccess: FunctionDef['tableAccess']): FunctionDef => ({
  handler: `${root}/${slice}/handler.ts#handler`,
  environment,
  tableAccess,
  timeoutSeconds: 10,
});

/**
 * The seven workers, each fed by its own queue, rule and DLQ (spec §4.0 and §5), with the table
 * variables their handler reads (the inventory workers' `inventoryDeps` reads both inventory and
 * event store) and exactly the item actions their slice uses.
 */
const workers = {
  // applyRestock: one transaction, Put (lot) + Update (stock).
  restockSkuWorker: { slice: 'inventory/applyRestock', events: [SKU_RESTOCKED_EVENT], env: INVENTORY, access: store('PutItem', 'UpdateItem') },
  // syncOrder: Get, Put (create) or Update (transition) the order; Put (publish ORDER_CREATED_EVENT).
  syncOrderWorker: { slice: 'orders/syncOrder', events: ORDER_EVENT_NAMES, env: { ...ORDERS, ...EVENT_STORE }, access: store('GetItem', 'PutItem', 'UpdateItem') },
  // allocateOrderStock: Get allocation; transaction Put (allocation) + Update (stock); Put (publish).
  allocateOrderStockWorker: {
    slice: 'inventory/allocateOrderStock',
    events: ['ORDER_CREATED_EVENT'],
    env: { ...INVENTORY, ...EVENT_STORE },
    access: store('GetItem', 'PutItem', 'UpdateItem'),
  },
  // processOrderPayment: Get + conditional Update (upsert) of the payment; Put (publish).
  processOrderPaymentWorker: {
    slice: 'payments/processOrderPayment',
    events: ['ORDER_STOCK_ALLOCATED_EVENT'],
    env: { ...PAYMENTS, ...EVENT_STORE },
    access: store('GetItem', 'PutItem', 'UpdateItem'),
  },
  // The settling workers read the allocation and update it (and the stock, in one transaction); they publish nothing.
  completeOrderPaymentAcceptedWorker: {
    slice: 'inventory/completeOrderPaymentAccepted',
    events: ['ORDER_PAYMENT_ACCEPTED_EVENT'],
    env: { ...INVENTORY, ...EVENT_STORE },
    access: store('GetItem', 'UpdateItem'),
  },
  deallocateOrderPaymentRejectedWorker: {
    slice: 'inventory/deallocateOrderPaymentRejected',
    events: ['ORDER_PAYMENT_REJECTED_EVENT'],
    env: { ...INVENTORY, ...EVENT_STORE },
    access: store('GetItem', 'UpdateItem'),
  },
  deallocateOrderCanceledWorker: {
    slice: 'inventory/deallocateOrderCanceled',
    events: ['ORDER_CANCELED_EVENT', 'ORDER_CANCELLED_EVENT'],
    env: { ...INVENTORY, ...EVENT_STORE },
    access: store('GetItem', 'UpdateItem'),
  },
} as const;

/**
 * The order saga: one table (event store + transactional items), its stream piped to a bus, a rule
 * and a queue per worker, and four HTTP APIs (spec `ecommerce.md`).
 */
export function ecommerceApp(options: EcommerceOptions = {}) {
  // Only explicit settings become function environment: a synth must not carry the shell's
  // variables into a deployed stack. Locally, functions also inherit the cloud's environment.
  const gateway = options.paymentGateway ?? {};
  const gatewayEnv: Record<string, string> = {
    ...(gateway.mode !== undefined && { PAYMENT_GATEWAY_MODE: gateway.mode }),
    ...(gateway.acceptRate !== undefined && { PAYMENT_GATEWAY_ACCEPT_RATE: String(gateway.acceptRate) }),
    ...(gateway.seed !== undefined && { PAYMENT_GATEWAY_SEED: gateway.seed }),
  };
  const queues: Record<string, QueueDef> = {};
  const rules: Record<string, RuleDef> = {};
  const functions: Record<string, FunctionDef> = {
    // Publishing an event is one conditional Put; listing is a Get by key or a Query of the GSI.
    restockSkuApi: api('inventory/restockSku', EVENT_STORE, store('PutItem')),
    listSkusApi: api('inventory/listSkus', INVENTORY, store('GetItem', 'Query')),
    placeOrderApi: api('orders/placeOrder', EVENT_STORE, store('PutItem')),
    listOrdersApi: api('orders/listOrders', ORDERS, store('GetItem', 'Query')),
    listOrderPaymentsApi: api('payments/listOrderPayments', PAYMENTS, store('GetItem', 'Query')),
    simulateRawEventApi: api('testing/simulateRawEvent', EVENT_STORE, store('PutItem')),
  };
  for (const [worker, { slice, events, env, access }] of Object.entries(workers)) {
    queues[`${worker}Queue`] = {
      visibilityTimeoutSeconds: 10,
      receiveMessageWaitTimeSeconds: 20,
      deadLetterQueue: { queue: `${worker}Dlq`, maxReceiveCount: 360 },
    };
    queues[`${worker}Dlq`] = { messageRetentionSeconds: 1_209_600 };
    rules[worker] = {
      bus: 'events',
      eventPattern: {
        source: ['event-store.dynamodb.stream'],
        'detail-type': ['DynamoDBStreamRecord'],
        detail: {
          eventSourceARN: [tableStreamArn('store')],
          eventName: ['INSERT'],
          eventSource: ['aws:dynamodb'],
          dynamodb: { NewImage: { eventName: { S: [...events] } } },
        },
      },
      targets: [{ queue: `${worker}Queue` }],
    };
    functions[worker] = {
      handler: `${root}/${slice}/handler.ts#handler`,
      environment: { ...env, ...(worker === 'processOrderPaymentWorker' && gatewayEnv) },
      tableAccess: access,
      timeoutSeconds: 10,
      triggers: [{ type: 'sqs', queue: `${worker}Queue`, batchSize: 10, maximumBatchingWindowInSeconds: 0, maximumConcurrency: 2, reportBatchItemFailures: true }],
    };
  }

  return defineApp({
    name: options.name ?? 'ecommerce',
    tables: {
      store: {
        partitionKey: { name: 'pk', type: 'S' },
        sortKey: { name: 'sk', type: 'S' },
        stream: 'NEW_IMAGE',
        globalSecondaryIndexes: [{ name: 'gsi1pk-gsi1sk-index', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } }],
      },
    },
    buses: { events: {} },
    pipes: {
      storeToBus: {
        sourceTable: 'store',
        // A record the bus refuses (an event over PutEvents' 256 KB) fails the same way every time:
        // bisect isolates it, 10 attempts (about 2.5 minutes of backoff locally) ride out a transient
        // failure, then it goes to storeToBusDlq and the saga moves on. No maximum age: it would also
        // discard a backlog that is merely late (a cloud restarted after a stop), and the DLQ keeps
        // only the record's position, which the stream forgets after 24 hours.
        source: { startingPosition: 'TRIM_HORIZON', batchSize: 10, maximumRetryAttempts: 10, onPartialBatchItemFailure: 'AUTOMATIC_BISECT', deadLetterQueue: 'storeToBusDlq' },
        // Decision 6: only INSERTs of event items reach the bus; transactional writes never do.
        filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { eventName: { S: [{ exists: true }] } } } }],
        target: { bus: 'events', source: 'event-store.dynamodb.stream', detailType: 'DynamoDBStreamRecord' },
      },
    },
    queues: { ...queues, storeToBusDlq: { messageRetentionSeconds: 1_209_600 } },
    rules,
    functions,
    httpApis: {
      inventory: {
        routes: [
          { route: 'POST /api/v1/inventory/restockSku', function: 'restockSkuApi' },
          { route: 'POST /api/v1/inventory/listSkus', function: 'listSkusApi' },
        ],
        cors,
        baseUrlEnv: 'INVENTORY_API_BASE_URL',
      },
      orders: {
        routes: [
          { route: 'POST /api/v1/orders/placeOrder', function: 'placeOrderApi' },
          { route: 'POST /api/v1/orders/listOrders', function: 'listOrdersApi' },
        ],
        cors,
        baseUrlEnv: 'ORDERS_API_BASE_URL',
      },
      payments: {
        routes: [{ route: 'POST /api/v1/payments/listOrderPayments', function: 'listOrderPaymentsApi' }],
        cors,
        baseUrlEnv: 'PAYMENTS_API_BASE_URL',
      },
      testing: {
        routes: [{ route: 'POST /api/v1/testing/simulateRawEvent', function: 'simulateRawEventApi' }],
        cors,
        baseUrlEnv: 'TESTING_API_BASE_URL',
        devOnly: true,
      },
    },
  });
}
