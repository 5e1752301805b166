import { publishEvent } from '../../../../platform/event-store.ts';
import { orderDataSchema, orderEvent, type OrderData } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';

export const placeOrderSchema = orderDataSchema;

/** Records an order as ORDER_PLACED_EVENT; the same orderId again is accepted and writes nothing. */
export async function placeOrder(deps: StoreDeps, input: OrderData): Promise<OrderData> {
  const { orderId, sku, units, price, userId } = input;
  await publishEvent(deps.client, deps.table, orderEvent('ORDER_PLACED_EVENT', input, deps.now()));
  return { orderId, sku, units, price, userId };
}
