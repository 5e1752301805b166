import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExpected, isTransient } from '../../../../platform/errors.ts';
import { allocateOrderStock } from '../allocateOrderStock/allocateOrderStock.ts';
import { InvalidAllocationStateError } from '../errors.ts';
import { allocationOf, orderData, createInventoryStore, restock, stockOf, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { completeOrderPaymentAccepted } from './completeOrderPaymentAccepted.ts';

describe('completeOrderPaymentAccepted (§4.5)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('complete');
    await restock(store, 'APPLES', 10);
  });
  afterAll(() => store.destroy());

  it('completes an ALLOCATED allocation without touching the stock', async () => {
    // Prepare
    const order = orderData({ orderId: 'ORD001', sku: 'APPLES', units: 3 });
    await allocateOrderStock(store, order);
    store.advance(1000);
    // Act
    await completeOrderPaymentAccepted(store, order);
    // Assess
    expect(await allocationOf(store, order)).toMatchObject({
      allocationStatus: 'COMPLETED_PAYMENT_ACCEPTED',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
      gsi1sk: 'CREATED_AT#2026-01-01T00:00:00.000Z',
    });
    expect(await stockOf(store, 'APPLES')).toBe(7);
  });

  it('drops a second completion permanently, stock untouched', async () => {
    // Prepare
    const order = orderData({ orderId: 'ORD002', sku: 'APPLES', units: 2 });
    await allocateOrderStock(store, order);
    await completeOrderPaymentAccepted(store, order);
    const before = await allocationOf(store, order);
    store.advance(1000);
    // Act
    const error = await completeOrderPaymentAccepted(store, order).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(InvalidAllocationStateError);
    expect(isTransient(error)).toBe(false);
    expect(isExpected(error)).toBe(true);
    expect(await allocationOf(store, order)).toEqual(before);
    expect(await stockOf(store, 'APPLES')).toBe(5);
  });

  it('does nothing for an order that has no allocation', async () => {
    const order = orderData({ orderId: 'GHOST1', sku: 'APPLES' });
    await completeOrderPaymentAccepted(store, order);
    expect(await allocationOf(store, order)).toBeUndefined();
  });
});
