import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInventoryStore, restock, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { listSkus } from './listSkus.ts';

describe('listSkus (ListSkusApi §3.2)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('list-skus');
    for (const [sku, units] of [['APPLES', 10], ['GRAPES', 20], ['ORANGES', 30]] as const) {
      await restock(store, sku, units);
      store.advance(1000);
    }
  });
  afterAll(() => store.destroy());

  it('finds one SKU by key, or none', async () => {
    expect(await listSkus(store, { sku: 'GRAPES', limit: 1, sortDirection: 'desc' })).toEqual({
      skus: [{ sku: 'GRAPES', units: 20, createdAt: '2026-01-01T00:00:01.000Z', updatedAt: '2026-01-01T00:00:01.000Z' }],
    });
    expect(await listSkus(store, { sku: 'PEARS' })).toEqual({ skus: [] });
  });

  it('lists by last restock, ascending by default', async () => {
    const { skus } = await listSkus(store, {});
    expect(skus.map((s) => s.sku)).toEqual(['APPLES', 'GRAPES', 'ORANGES']);
  });

  it('lists descending', async () => {
    const { skus } = await listSkus(store, { sortDirection: 'desc' });
    expect(skus.map((s) => s.sku)).toEqual(['ORANGES', 'GRAPES', 'APPLES']);
  });

  it('pages with nextToken', async () => {
    // Act
    const first = await listSkus(store, { limit: 2 });
    const second = await listSkus(store, { limit: 2, nextToken: first.nextToken });
    // Assess
    expect(first.skus.map((s) => s.sku)).toEqual(['APPLES', 'GRAPES']);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.skus.map((s) => s.sku)).toEqual(['ORANGES']);
    expect(second.nextToken).toBeUndefined();
  });
});
