import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateRestockError } from '../errors.ts';
import { lotKey, skuKey } from '../keys.ts';
import { createInventoryStore, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { applyRestock } from './applyRestock.ts';

describe('applyRestock (RestockSkuWorker §4.1)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('apply-restock');
  });
  afterAll(() => store.destroy());

  it('adds the first lot to a new SKU and records the lot', async () => {
    // Act
    await applyRestock(store, { sku: 'APPLES', units: 100, lotId: 'A00001' });
    // Assess
    expect(await store.get(skuKey('APPLES'))).toMatchObject({
      ...{ sku: 'APPLES', units: 100, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      ...{ _tn: 'INVENTORY#SKU', _sn: 'INVENTORY', gsi1pk: 'INVENTORY#SKU', gsi1sk: 'CREATED_AT#2026-01-01T00:00:00.000Z' },
    });
    expect(await store.get(lotKey('APPLES', 'A00001'))).toMatchObject({ sku: 'APPLES', units: 100, lotId: 'A00001', _tn: 'INVENTORY#RESTOCK_SKU', gsi1pk: 'INVENTORY#RESTOCK_SKU' });
  });

  it('applies the same lot only once', async () => {
    // Prepare
    await applyRestock(store, { sku: 'GRAPES', units: 10, lotId: 'B00001' });
    // Act
    const second = applyRestock(store, { sku: 'GRAPES', units: 10, lotId: 'B00001' });
    // Assess
    await expect(second).rejects.toBeInstanceOf(DuplicateRestockError);
    expect((await store.get(skuKey('GRAPES')))?.units).toBe(10);
  });

  it('keeps createdAt but moves gsi1sk to the latest restock', async () => {
    // Prepare
    await applyRestock(store, { sku: 'ORANGES', units: 5, lotId: 'C00001' });
    store.advance(60_000);
    // Act
    await applyRestock(store, { sku: 'ORANGES', units: 7, lotId: 'C00002' });
    // Assess
    expect(await store.get(skuKey('ORANGES'))).toMatchObject({
      units: 12,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:01:00.000Z',
      gsi1sk: 'CREATED_AT#2026-01-01T00:01:00.000Z',
    });
  });
});
