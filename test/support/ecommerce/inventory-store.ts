import { isTransient } from '../../../src/platform/errors.ts';
import { silentLogger } from '../../../src/platform/log.ts';
import { createEcommerceStore, type EcommerceStore } from './store.ts';
import type { OrderData } from '../../../src/apps/ecommerce/events.ts';
import { applyRestock } from '../../../src/apps/ecommerce/inventory/applyRestock/applyRestock.ts';
import type { InventoryDeps } from '../../../src/apps/ecommerce/inventory/deps.ts';
import { allocationKey, skuKey } from '../../../src/apps/ecommerce/inventory/keys.ts';

/** The Inventory component tests' helpers (`*.int.test.ts`): a fresh store and small builders. */
export type InventoryStore = InventoryDeps & EcommerceStore;

export async function createInventoryStore(prefix: string): Promise<InventoryStore> {
  const store = await createEcommerceStore(prefix);
  return Object.assign(store, { eventStoreTable: store.table, logger: silentLogger });
}

export function orderData(overrides: Partial<OrderData> = {}): OrderData {
  return { orderId: 'ORD001', sku: 'APPLES', units: 2, price: 22.99, userId: 'USER01', ...overrides };
}

export async function restock(deps: InventoryDeps, sku: string, units: number, lotId = `LOT-${units}`): Promise<void> {
  await applyRestock(deps, { sku, units, lotId });
}

export async function stockOf(store: InventoryStore, sku: string): Promise<number | undefined> {
  return (await store.get(skuKey(sku)))?.units as number | undefined;
}

export async function allocationOf(store: InventoryStore, order: OrderData): Promise<Record<string, unknown> | undefined> {
  return store.get(allocationKey(order.sku, order.orderId));
}

/** Runs `work` as SQS would: transient failures are retried (after a short random pause), permanent ones returned. */
export async function untilSettled<T>(work: () => Promise<T>, attempts = 50): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) return { ok: false, error };
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    }
  }
}
