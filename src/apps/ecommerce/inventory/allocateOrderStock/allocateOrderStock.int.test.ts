import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../../../platform/event-store.ts';
import { orderEvent, orderEventKey, type OrderData } from '../../events.ts';
import { allocationOf, orderData, createInventoryStore, restock, stockOf, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { allocateOrderStock } from './allocateOrderStock.ts';

describe('allocateOrderStock (AllocateOrderStockWorker §4.3)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('allocate');
  });
  afterAll(() => store.destroy());

  const published = (order: OrderData, eventName: string) => store.get(orderEventKey(order.orderId, eventName));

  it('allocates when the stock suffices: ALLOCATED item, stock decremented, ALLOCATED event', async () => {
    // Prepare
    await restock(store, 'APPLES', 10);
    const order = orderData({ orderId: 'ORD001', sku: 'APPLES', units: 3 });
    // Act
    const outcome = await allocateOrderStock(store, order);
    // Assess
    expect(outcome).toBe('allocated');
    expect(await stockOf(store, 'APPLES')).toBe(7);
    expect(await allocationOf(store, order)).toMatchObject({
      ...{ ...order, allocationStatus: 'ALLOCATED', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      ...{ _tn: 'INVENTORY#ORDER_ALLOCATION', _sn: 'INVENTORY', gsi1pk: 'INVENTORY#ORDER_ALLOCATION', gsi1sk: 'CREATED_AT#2026-01-01T00:00:00.000Z' },
    });
    expect(await published(order, 'ORDER_STOCK_ALLOCATED_EVENT')).toMatchObject({ eventName: 'ORDER_STOCK_ALLOCATED_EVENT', eventData: order });
    expect(await published(order, 'ORDER_STOCK_DEPLETED_EVENT')).toBeUndefined();
  });

  it.each(['ORDER_CANCELED_EVENT', 'ORDER_CANCELLED_EVENT'] as const)('reserves nothing for an order cancelled (%s) before its allocation', async (cancellation) => {
    // Prepare
    await restock(store, `PLUMS${cancellation.length}`, 10);
    const order = orderData({ orderId: `CNL-${cancellation.length}`, sku: `PLUMS${cancellation.length}`, units: 4 });
    await publishEvent(store.client, store.table, orderEvent(cancellation, order, store.now()));
    // Act
    const outcome = await allocateOrderStock(store, order);
    // Assess
    expect(outcome).toBe('cancelled');
    expect(await stockOf(store, order.sku)).toBe(10);
    expect(await allocationOf(store, order)).toBeUndefined();
    expect(await published(order, 'ORDER_STOCK_ALLOCATED_EVENT')).toBeUndefined();
  });

  it('allocates exactly the stock, leaving 0', async () => {
    await restock(store, 'KIWIS', 5);
    expect(await allocateOrderStock(store, orderData({ orderId: 'ORD002', sku: 'KIWIS', units: 5 }))).toBe('allocated');
    expect(await stockOf(store, 'KIWIS')).toBe(0);
  });

  it('reports depleted stock when the order wants more: DEPLETED event, stock unchanged, no allocation', async () => {
    // Prepare
    await restock(store, 'PEARS', 4);
    const order = orderData({ orderId: 'ORD003', sku: 'PEARS', units: 5 });
    // Act
    const outcome = await allocateOrderStock(store, order);
    // Assess
    expect(outcome).toBe('depleted');
    expect(await stockOf(store, 'PEARS')).toBe(4);
    expect(await allocationOf(store, order)).toBeUndefined();
    expect(await published(order, 'ORDER_STOCK_DEPLETED_EVENT')).toMatchObject({ eventData: order });
    expect(await published(order, 'ORDER_STOCK_ALLOCATED_EVENT')).toBeUndefined();
  });

  it('reports depleted stock for a SKU never restocked (and creates no SKU)', async () => {
    const order = orderData({ orderId: 'ORD004', sku: 'MANGOS', units: 1 });
    expect(await allocateOrderStock(store, order)).toBe('depleted');
    expect(await stockOf(store, 'MANGOS')).toBeUndefined();
    expect(await published(order, 'ORDER_STOCK_DEPLETED_EVENT')).toBeDefined();
  });

  it('is idempotent: a second run republishes nothing new and takes the stock once', async () => {
    // Prepare
    await restock(store, 'LEMONS', 10);
    const order = orderData({ orderId: 'ORD005', sku: 'LEMONS', units: 4 });
    await allocateOrderStock(store, order);
    const firstEvent = await published(order, 'ORDER_STOCK_ALLOCATED_EVENT');
    store.advance(5000);
    // Act
    const outcome = await allocateOrderStock(store, order);
    // Assess
    expect(outcome).toBe('duplicate');
    expect(await stockOf(store, 'LEMONS')).toBe(6);
    expect(await published(order, 'ORDER_STOCK_ALLOCATED_EVENT')).toEqual(firstEvent);
  });
});
