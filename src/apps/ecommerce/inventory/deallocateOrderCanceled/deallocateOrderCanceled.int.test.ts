import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateOrderStock } from '../allocateOrderStock/allocateOrderStock.ts';
import { completeOrderPaymentAccepted } from '../completeOrderPaymentAccepted/completeOrderPaymentAccepted.ts';
import { allocationOf, orderData, createInventoryStore, restock, stockOf, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { deallocateOrderCanceled } from './deallocateOrderCanceled.ts';

describe('deallocateOrderCanceled (decision 6)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('deallocate-canceled');
  });
  afterAll(() => store.destroy());

  it('returns an ALLOCATED order’s units once, even when run twice', async () => {
    // Prepare
    await restock(store, 'APPLES', 10);
    const order = orderData({ orderId: 'ORD001', sku: 'APPLES', units: 4 });
    await allocateOrderStock(store, order);
    store.advance(1000);
    // Act
    await deallocateOrderCanceled(store, order);
    await deallocateOrderCanceled(store, order);
    // Assess
    expect(await stockOf(store, 'APPLES')).toBe(10);
    expect(await allocationOf(store, order)).toMatchObject({ allocationStatus: 'DEALLOCATED_ORDER_CANCELED', updatedAt: '2026-01-01T00:00:01.000Z' });
  });

  it('writes nothing when the order was already completed', async () => {
    // Prepare
    await restock(store, 'GRAPES', 10);
    const order = orderData({ orderId: 'ORD002', sku: 'GRAPES', units: 3 });
    await allocateOrderStock(store, order);
    await completeOrderPaymentAccepted(store, order);
    const before = await allocationOf(store, order);
    store.advance(1000);
    // Act
    await deallocateOrderCanceled(store, order);
    // Assess
    expect(await allocationOf(store, order)).toEqual(before);
    expect(await stockOf(store, 'GRAPES')).toBe(7);
  });

  it('writes nothing for an order that was never allocated', async () => {
    const order = orderData({ orderId: 'GHOST1', sku: 'APPLES' });
    await deallocateOrderCanceled(store, order);
    expect(await allocationOf(store, order)).toBeUndefined();
    expect(await stockOf(store, 'APPLES')).toBe(10);
  });
});
