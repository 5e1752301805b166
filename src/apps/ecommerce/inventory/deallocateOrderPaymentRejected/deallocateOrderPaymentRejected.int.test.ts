import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExpected, isTransient } from '../../../../platform/errors.ts';
import { allocateOrderStock } from '../allocateOrderStock/allocateOrderStock.ts';
import { completeOrderPaymentAccepted } from '../completeOrderPaymentAccepted/completeOrderPaymentAccepted.ts';
import { deallocateOrderCanceled } from '../deallocateOrderCanceled/deallocateOrderCanceled.ts';
import { InvalidAllocationStateError } from '../errors.ts';
import { allocationOf, orderData, createInventoryStore, restock, stockOf, untilSettled, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { deallocateOrderPaymentRejected } from './deallocateOrderPaymentRejected.ts';

describe('deallocateOrderPaymentRejected (§4.6, decision 5)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('deallocate-rejected');
  });
  afterAll(() => store.destroy());

  it('returns the units once; a second run is a permanent drop', async () => {
    // Prepare
    await restock(store, 'APPLES', 10);
    const order = orderData({ orderId: 'ORD001', sku: 'APPLES', units: 4 });
    await allocateOrderStock(store, order);
    store.advance(1000);
    // Act
    await deallocateOrderPaymentRejected(store, order);
    const second = await deallocateOrderPaymentRejected(store, order).catch((e: unknown) => e);
    // Assess
    expect(await stockOf(store, 'APPLES')).toBe(10);
    expect(await allocationOf(store, order)).toMatchObject({ allocationStatus: 'DEALLOCATED_PAYMENT_REJECTED', updatedAt: '2026-01-01T00:00:01.000Z' });
    expect(second).toBeInstanceOf(InvalidAllocationStateError);
    expect(isTransient(second)).toBe(false);
    expect(isExpected(second)).toBe(true);
  });

  it('does not return the stock of a completed allocation', async () => {
    await restock(store, 'GRAPES', 10);
    const order = orderData({ orderId: 'ORD002', sku: 'GRAPES', units: 4 });
    await allocateOrderStock(store, order);
    await completeOrderPaymentAccepted(store, order);
    const error = await deallocateOrderPaymentRejected(store, order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAllocationStateError);
    // Completed, not rejected: worth a warning.
    expect(isExpected(error)).toBe(false);
    expect(await stockOf(store, 'GRAPES')).toBe(6);
  });

  it('does nothing for an order that has no allocation', async () => {
    await deallocateOrderPaymentRejected(store, orderData({ orderId: 'GHOST1', sku: 'APPLES' }));
    expect(await stockOf(store, 'APPLES')).toBe(10);
  });

  it('returns the stock exactly once when a rejection and a cancellation race', async () => {
    // Prepare
    await restock(store, 'PEARS', 10);
    const orders = Array.from({ length: 5 }, (_, i) => orderData({ orderId: `RACE${i}`, sku: 'PEARS', units: 2 }));
    for (const order of orders) await allocateOrderStock(store, order);
    // Act (transient failures retried as SQS would)
    const outcomes = await Promise.all(orders.flatMap((o) => [untilSettled(() => deallocateOrderPaymentRejected(store, o)), untilSettled(() => deallocateOrderCanceled(store, o))]));
    // Assess
    expect(await stockOf(store, 'PEARS')).toBe(10);
    // Whichever lost found the units back already: normal at-least-once traffic, logged at info.
    for (const outcome of outcomes) if (!outcome.ok) expect(isExpected(outcome.error)).toBe(true);
    for (const order of orders) {
      expect((await allocationOf(store, order))?.allocationStatus).toMatch(/^DEALLOCATED_(PAYMENT_REJECTED|ORDER_CANCELED)$/);
    }
  });
});
