import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEventKey } from '../../events.ts';
import { orderData, createInventoryStore, restock, stockOf, untilSettled, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { allocateOrderStock } from './allocateOrderStock.ts';

describe('allocateOrderStock under contention', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('allocate-race');
  });
  afterAll(() => store.destroy());

  it('never oversells: 20 concurrent orders of 1 unit on a stock of 10', async () => {
    // Prepare
    await restock(store, 'APPLES', 10);
    const orders = Array.from({ length: 20 }, (_, i) => orderData({ orderId: `RACE${String(i).padStart(2, '0')}`, sku: 'APPLES', units: 1 }));
    // Act (transient failures retried as SQS would)
    const results = await Promise.all(orders.map((order) => untilSettled(() => allocateOrderStock(store, order))));
    // Assess
    const outcomes = results.map((r) => (r.ok ? r.value : r.error));
    expect(outcomes.filter((o) => o === 'allocated')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'depleted')).toHaveLength(10);
    expect(await stockOf(store, 'APPLES')).toBe(0);
    const events = await Promise.all(orders.map(async (o) => ((await store.get(orderEventKey(o.orderId, 'ORDER_STOCK_ALLOCATED_EVENT'))) ? 'A' : 'D')));
    expect(events.filter((e) => e === 'A')).toHaveLength(10);
  });
});
