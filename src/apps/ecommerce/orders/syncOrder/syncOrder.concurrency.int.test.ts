import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore } from '../../../../../test/support/ecommerce/store.ts';
import { eventItem } from '../../../../platform/event-store.ts';
import { createLogger } from '../../../../platform/log.ts';
import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { ORDER_EVENT_NAMES, orderEvent, orderEventKey, parseOrderEvent, type OrderEvent, type OrderEventName } from '../../events.ts';
import { OrderStatusConflictError, StaleOrderStatusTransitionError } from '../errors.ts';
import { createOrder, orderKey } from '../orders.ts';
import type { OrderStatus } from '../status.ts';
import { syncOrder, type SyncOrderDeps } from './syncOrder.ts';

const placed = (orderId: string) => ({ orderId, sku: 'ORANGES', units: 2, price: 22.99, userId: '123456' });

describe('syncOrder under concurrency (component, DynamoDB Local)', () => {
  let store: Awaited<ReturnType<typeof createEcommerceStore>>;
  beforeAll(async () => {
    store = await createEcommerceStore('sync-order-race');
  });
  afterAll(() => store.destroy());

  /**
   * Deps whose client runs `interleave` (a real write by "another worker") just before each of the
   * first `times` commands of `kind` — i.e. between syncOrder's read and its conditional write.
   */
  function racingDeps(kind: typeof UpdateCommand | typeof PutCommand, interleave: () => Promise<unknown>, times = 1): SyncOrderDeps & { reads: () => number } {
    let remaining = times;
    let reads = 0;
    const client = new Proxy(store.client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          if (command instanceof GetCommand) reads += 1;
          if (command instanceof kind && remaining > 0) {
            remaining -= 1;
            await interleave();
          }
          return target.send(command);
        };
      },
    });
    return { ...store, client, eventStoreTable: store.table, reads: () => reads };
  }

  const setStatus = (orderId: string, orderStatus: OrderStatus) =>
    store.client.send(new UpdateCommand({ TableName: store.table, Key: orderKey(orderId), UpdateExpression: 'SET orderStatus = :s', ExpressionAttributeValues: { ':s': orderStatus } }));
  /** A concurrent writer that keeps moving the status, so every guarded update conflicts. */
  const flippingStatus = (orderId: string) => {
    let allocated = false;
    return () => {
      allocated = !allocated;
      return setStatus(orderId, allocated ? 'ORDER_STOCK_ALLOCATED_STATUS' : 'ORDER_CREATED_STATUS');
    };
  };
  const event = (orderId: string, name: OrderEventName) => orderEvent(name, placed(orderId), store.now());

  it('re-reads and re-decides when the status changed after the read (the new decision is applied)', async () => {
    await createOrder(store, placed('RACE01'));
    await setStatus('RACE01', 'ORDER_STOCK_ALLOCATED_STATUS');
    const deps = racingDeps(UpdateCommand, () => setStatus('RACE01', 'ORDER_SHIPPED_STATUS'));

    const result = await syncOrder(deps, event('RACE01', 'ORDER_DELIVERED_EVENT'));

    expect(result).toEqual({ kind: 'statusChanged', from: 'ORDER_SHIPPED_STATUS', to: 'ORDER_DELIVERED_STATUS' });
    expect(deps.reads()).toBe(2);
    expect((await store.get(orderKey('RACE01')))?.orderStatus).toBe('ORDER_DELIVERED_STATUS');
  });

  it('re-decides to ignore an event the concurrent change made stale (no last-writer-wins)', async () => {
    await createOrder(store, placed('RACE02'));
    await setStatus('RACE02', 'ORDER_STOCK_ALLOCATED_STATUS');
    const deps = racingDeps(UpdateCommand, () => setStatus('RACE02', 'ORDER_CANCELED_STATUS'));

    await expect(syncOrder(deps, event('RACE02', 'ORDER_PAYMENT_ACCEPTED_EVENT'))).rejects.toThrow(StaleOrderStatusTransitionError);

    expect((await store.get(orderKey('RACE02')))?.orderStatus).toBe('ORDER_CANCELED_STATUS');
  });

  it('gives up after maxAttempts conflicts with a transient error, so SQS retries later', async () => {
    await createOrder(store, placed('RACE03'));
    const deps = racingDeps(UpdateCommand, flippingStatus('RACE03'), 10);

    const outcome = syncOrder(deps, event('RACE03', 'ORDER_SHIPPED_EVENT'), { maxAttempts: 3 });

    await expect(outcome).rejects.toThrow(OrderStatusConflictError);
    await expect(outcome).rejects.toMatchObject({ transient: true });
    expect(deps.reads()).toBe(3);
    expect((await store.get(orderKey('RACE03')))?.orderStatus).not.toBe('ORDER_SHIPPED_STATUS');
  });

  it('ORDER_PLACED that loses the create race raises ORDER_CREATED from the winning order', async () => {
    const winner = { ...placed('RACE04'), units: 7 };
    const deps = racingDeps(PutCommand, () => createOrder(store, winner));

    const result = await syncOrder(deps, event('RACE04', 'ORDER_PLACED_EVENT'));

    expect(result).toMatchObject({ kind: 'orderCreatedRaised', created: false, order: { units: 7 } });
    expect((await store.get(orderEventKey('RACE04', 'ORDER_CREATED_EVENT')))?.eventData).toEqual(winner);
  });

  describe('through the SQS worker adapter', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const sqsEvent = (...events: OrderEvent[]): SQSEvent =>
      ({ Records: events.map((e, i) => ({ messageId: `m${i}`, body: JSON.stringify({ detail: { dynamodb: { NewImage: marshall(eventItem(e)) } } }) })) }) as SQSEvent;

    it('acknowledges a permanent failure with a log line saying why, and reports a transient one for retry', async () => {
      await createOrder(store, placed('RACE05'));
      const deps = racingDeps(UpdateCommand, flippingStatus('RACE05'), 10);
      const parse = parseOrderEvent(ORDER_EVENT_NAMES);
      const handler = sqsWorker({ parse, handle: async (e) => void (await syncOrder(deps, e, { maxAttempts: 2 })), logger });

      const response = await handler(sqsEvent(event('GHOST2', 'ORDER_SHIPPED_EVENT'), event('RACE05', 'ORDER_SHIPPED_EVENT')));

      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
      expect(lines[0]).toMatchObject({ message: 'permanent failure, the message is dropped', error: { name: 'OrderNotFoundError', message: 'ORDER_SHIPPED_EVENT ignored: order GHOST2 does not exist' } });
      expect(lines[1]).toMatchObject({ message: 'transient failure, the message will be retried', error: { name: 'OrderStatusConflictError' } });
    });
  });
});
