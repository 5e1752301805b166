import { describe, expect, it } from 'vitest';
import { seedOrders, seedRestocks } from './data.ts';

describe('seed data (spec §6)', () => {
  it('holds 35 restocks whose lots add up to APPLES 815, GRAPES 3750, ORANGES 5597', () => {
    const totals: Record<string, number> = {};
    for (const restock of seedRestocks) totals[restock.sku] = (totals[restock.sku] ?? 0) + restock.units;

    expect(seedRestocks).toHaveLength(35);
    expect(totals).toEqual({ APPLES: 815, GRAPES: 3750, ORANGES: 5597 });
    expect(new Set(seedRestocks.map((r) => `${r.sku}/${r.lotId}`)).size).toBe(35);
  });

  it('holds 75 orders ORD001–ORD075 cycling APPLES, GRAPES, ORANGES', () => {
    expect(seedOrders.map((order) => order.orderId)).toEqual(Array.from({ length: 75 }, (_, i) => `ORD${String(i + 1).padStart(3, '0')}`));
    expect(seedOrders.map((order) => order.sku).slice(0, 6)).toEqual(['APPLES', 'GRAPES', 'ORANGES', 'APPLES', 'GRAPES', 'ORANGES']);
  });

  it('has the special orders: three too large for any stock, three priced for a gateway rejection', () => {
    const byId = new Map(seedOrders.map((order) => [order.orderId, order]));

    for (const id of ['ORD001', 'ORD021', 'ORD041']) expect(byId.get(id)?.units).toBe(1_500_000);
    for (const id of ['ORD011', 'ORD031', 'ORD051']) expect(byId.get(id)?.price).toBe(120000.99);
    expect(seedOrders.filter((order) => order.units > 10_000 || order.price >= 100_000)).toHaveLength(6);
  });
});
