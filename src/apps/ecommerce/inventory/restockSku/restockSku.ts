import { publishEvent } from '../../../../platform/event-store.ts';
import { restockDataSchema, restockEventKey, SKU_RESTOCKED_EVENT, type RestockData } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';

export const restockSkuSchema = restockDataSchema;

/** Records a restock as an event; the same (sku, lotId) again is accepted and writes nothing. */
export async function restockSku(deps: StoreDeps, input: RestockData): Promise<RestockData> {
  const now = deps.now();
  const { sku, units, lotId } = input;
  await publishEvent(deps.client, deps.table, { ...restockEventKey(sku, lotId), eventName: SKU_RESTOCKED_EVENT, eventData: { sku, units, lotId }, createdAt: now, updatedAt: now });
  return { sku, units, lotId };
}
