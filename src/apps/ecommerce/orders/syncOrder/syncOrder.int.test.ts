import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore } from '../../../../../test/support/ecommerce/store.ts';
import { orderEvent, orderEventKey, type OrderEventName } from '../../events.ts';
import {
  DuplicateOrderEventError,
  ForbiddenOrderStatusTransitionError,
  InvalidOrderItemError,
  OrderNotFoundError,
  RedundantOrderStatusTransitionError,
  StaleOrderStatusTransitionError,
} from '../errors.ts';
import { createOrder, orderKey } from '../orders.ts';
import { syncOrder, type SyncOrderDeps } from './syncOrder.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const placed = (orderId: string) => ({ orderId, sku: 'ORANGES', units: 2, price: 22.99, userId: '123456' });

describe('syncOrder (component, DynamoDB Local)', () => {
  let store: Awaited<ReturnType<typeof createEcommerceStore>>;
  let deps: SyncOrderDeps;
  beforeAll(async () => {
    store = await createEcommerceStore('sync-order');
    deps = { ...store, eventStoreTable: store.table };
  });
  afterAll(() => store.destroy());

  /** Brings an order through events that must each succeed, one second apart. */
  async function given(orderId: string, ...events: OrderEventName[]): Promise<void> {
    for (const name of events) {
      await syncOrder(deps, orderEvent(name, placed(orderId), store.now()));
      store.advance(1000);
    }
  }
  const when = (orderId: string, name: OrderEventName, data = placed(orderId)) => syncOrder(deps, orderEvent(name, data, store.now()));

  it('ORDER_PLACED creates the order and raises ORDER_CREATED from the stored order', async () => {
    const result = await syncOrder(deps, orderEvent('ORDER_PLACED_EVENT', placed('ORD001'), '2025-12-31T23:59:59.000Z'));

    const order = { ...placed('ORD001'), orderStatus: 'ORDER_CREATED_STATUS', createdAt: T0, updatedAt: T0 };
    expect(result).toEqual({ kind: 'orderCreatedRaised', order, created: true });
    expect(await store.get(orderKey('ORD001'))).toEqual({
      pk: 'ORDERS#ORDER_ID#ORD001',
      sk: 'ORDER_ID#ORD001',
      ...order,
      _tn: 'ORDERS#ORDER',
      _sn: 'ORDERS',
      gsi1pk: 'ORDERS#ORDER',
      gsi1sk: `CREATED_AT#${T0}`,
    });
    expect(await store.get(orderEventKey('ORD001', 'ORDER_CREATED_EVENT'))).toMatchObject({
      eventName: 'ORDER_CREATED_EVENT',
      eventData: placed('ORD001'),
      createdAt: T0,
    });
  });

  it('ORDER_PLACED again changes nothing and is dropped as a duplicate raise', async () => {
    await given('ORD002', 'ORDER_PLACED_EVENT');
    const [order, event] = [await store.get(orderKey('ORD002')), await store.get(orderEventKey('ORD002', 'ORDER_CREATED_EVENT'))];

    await expect(when('ORD002', 'ORDER_PLACED_EVENT', { ...placed('ORD002'), units: 99 })).rejects.toThrow(DuplicateOrderEventError);
    await expect(when('ORD002', 'ORDER_PLACED_EVENT')).rejects.toMatchObject({ expected: true });

    expect(await store.get(orderKey('ORD002'))).toEqual(order);
    expect(await store.get(orderEventKey('ORD002', 'ORDER_CREATED_EVENT'))).toEqual(event);
  });

  it('ORDER_PLACED for an existing order without ORDER_CREATED raises it from the stored data, not the event', async () => {
    await createOrder(store, placed('ORD003'));

    const result = await when('ORD003', 'ORDER_PLACED_EVENT', { ...placed('ORD003'), sku: 'LEMONS', price: 1 });

    expect(result).toMatchObject({ kind: 'orderCreatedRaised', created: false });
    expect((await store.get(orderEventKey('ORD003', 'ORDER_CREATED_EVENT')))?.eventData).toEqual(placed('ORD003'));
  });

  it('applies a transition: only orderStatus and updatedAt change, nothing is published', async () => {
    await given('ORD004', 'ORDER_PLACED_EVENT');
    const before = await store.get(orderKey('ORD004'));

    const result = await when('ORD004', 'ORDER_STOCK_ALLOCATED_EVENT');

    expect(result).toEqual({ kind: 'statusChanged', from: 'ORDER_CREATED_STATUS', to: 'ORDER_STOCK_ALLOCATED_STATUS' });
    expect(await store.get(orderKey('ORD004'))).toEqual({ ...before, orderStatus: 'ORDER_STOCK_ALLOCATED_STATUS', updatedAt: store.now() });
    expect(await store.get(orderEventKey('ORD004', 'ORDER_STOCK_ALLOCATED_EVENT'))).toBeUndefined();
  });

  it('is idempotent: the same transition event twice leaves the result of the first', async () => {
    await given('ORD005', 'ORDER_PLACED_EVENT', 'ORDER_PAYMENT_ACCEPTED_EVENT');
    const after = await store.get(orderKey('ORD005'));
    store.advance(1000);

    await expect(when('ORD005', 'ORDER_PAYMENT_ACCEPTED_EVENT')).rejects.toThrow(RedundantOrderStatusTransitionError);

    expect(await store.get(orderKey('ORD005'))).toEqual(after);
  });

  it('cancels with either spelling', async () => {
    await given('ORD006', 'ORDER_PLACED_EVENT', 'ORDER_STOCK_DEPLETED_EVENT', 'ORDER_CANCELLED_EVENT');

    expect((await store.get(orderKey('ORD006')))?.orderStatus).toBe('ORDER_CANCELED_STATUS');
    await expect(when('ORD006', 'ORDER_CANCELED_EVENT')).rejects.toThrow(RedundantOrderStatusTransitionError);
  });

  it.each([
    ['stale', 'ORD010', ['ORDER_PLACED_EVENT', 'ORDER_PAYMENT_ACCEPTED_EVENT'], 'ORDER_STOCK_ALLOCATED_EVENT', StaleOrderStatusTransitionError, true],
    ['redundant', 'ORD011', ['ORDER_PLACED_EVENT', 'ORDER_SHIPPED_EVENT'], 'ORDER_SHIPPED_EVENT', RedundantOrderStatusTransitionError, true],
    ['forbidden', 'ORD012', ['ORDER_PLACED_EVENT', 'ORDER_STOCK_DEPLETED_EVENT'], 'ORDER_PAYMENT_ACCEPTED_EVENT', ForbiddenOrderStatusTransitionError, false],
  ] as const)('%s: %s is left unchanged and the event is dropped', async (reason, orderId, history, event, ErrorClass, expected) => {
    await given(orderId, ...history);
    const before = await store.get(orderKey(orderId));

    const outcome = when(orderId, event);

    await expect(outcome).rejects.toThrow(ErrorClass);
    // Only a forbidden transition is worth a warning; stale and redundant events are normal at-least-once traffic.
    await expect(outcome).rejects.toMatchObject({ transient: false, expected, reason, message: expect.stringContaining(reason) });
    expect(await store.get(orderKey(orderId))).toEqual(before);
  });

  it('drops an event for a missing order without writing anything', async () => {
    const outcome = when('GHOST1', 'ORDER_SHIPPED_EVENT');

    await expect(outcome).rejects.toThrow(OrderNotFoundError);
    await expect(outcome).rejects.toMatchObject({ transient: false, message: 'ORDER_SHIPPED_EVENT ignored: order GHOST1 does not exist' });
    expect(await store.get(orderKey('GHOST1'))).toBeUndefined();
  });

  it('drops an event for an order whose stored status is unknown', async () => {
    await given('ORD013', 'ORDER_PLACED_EVENT');
    const corrupted = { ...(await store.get(orderKey('ORD013'))), orderStatus: 'ORDER_LOST_STATUS' };
    await store.client.send(new PutCommand({ TableName: store.table, Item: corrupted }));

    await expect(when('ORD013', 'ORDER_SHIPPED_EVENT')).rejects.toThrow(InvalidOrderItemError);
  });
});
