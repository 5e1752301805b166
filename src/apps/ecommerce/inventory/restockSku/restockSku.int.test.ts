import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restockEventKey } from '../../events.ts';
import { createInventoryStore, type InventoryStore } from '../../../../../test/support/ecommerce/inventory-store.ts';
import { restockSku } from './restockSku.ts';

describe('restockSku (RestockSkuApi §3.1)', () => {
  let store: InventoryStore;
  beforeAll(async () => {
    store = await createInventoryStore('restock-sku');
  });
  afterAll(() => store.destroy());

  it('publishes SKU_RESTOCKED_EVENT once per (sku, lotId) and echoes every request', async () => {
    // Act
    const first = await restockSku(store, { sku: 'APPLES', units: 100, lotId: 'A00002' });
    store.advance(1000);
    const second = await restockSku(store, { sku: 'APPLES', units: 999, lotId: 'A00002' });
    // Assess
    expect(first).toEqual({ sku: 'APPLES', units: 100, lotId: 'A00002' });
    expect(second).toEqual({ sku: 'APPLES', units: 999, lotId: 'A00002' });
    expect(await store.get(restockEventKey('APPLES', 'A00002'))).toMatchObject({
      eventName: 'SKU_RESTOCKED_EVENT',
      eventData: { sku: 'APPLES', units: 100, lotId: 'A00002' },
      createdAt: '2026-01-01T00:00:00.000Z',
      _tn: 'EVENTS#EVENT',
      gsi1pk: 'EVENTS#EVENT',
    });
  });
});
