import { publishEvent } from '../../../../platform/event-store.ts';
import { orderEvent, type OrderData, type OrderEvent } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';
import { DuplicateOrderEventError, ignoredOrderEventError, OrderNotFoundError, OrderStatusConflictError } from '../errors.ts';
import { createOrder, readOrder, updateOrderStatus, type Order } from '../orders.ts';
import { decide, type OrderStatus } from '../status.ts';

/** `table` holds the orders; ORDER_CREATED_EVENT goes to `eventStoreTable` (they may differ, decision 8). */
export interface SyncOrderDeps extends StoreDeps {
  readonly eventStoreTable: string;
}

export interface SyncOrderOptions {
  /** Read–decide–guarded-write rounds before a concurrently changing status is reported as transient. Default 3. */
  maxAttempts?: number;
}

export type SyncOrderResult =
  | { readonly kind: 'orderCreatedRaised'; readonly order: Order; readonly created: boolean }
  | { readonly kind: 'statusChanged'; readonly from: OrderStatus; readonly to: OrderStatus };

/**
 * Keeps the consolidated order view in step with the order events (spec §4.2). ORDER_PLACED_EVENT
 * creates the order (once) and raises ORDER_CREATED_EVENT from the stored order; every other event
 * moves the status as the transition table says, guarded by the status it was decided from.
 * Ignored events, missing orders and duplicate raises throw permanent errors (the message is dropped).
 *
 * @example
 * await syncOrder({ ...storeDeps(tables.orders), eventStoreTable: tables.eventStore }, event);
 */
export async function syncOrder(deps: SyncOrderDeps, event: OrderEvent, options: SyncOrderOptions = {}): Promise<SyncOrderResult> {
  const { eventName, eventData } = event;
  if (eventName === 'ORDER_PLACED_EVENT') return raiseOrderCreated(deps, eventData);
  const { orderId } = eventData;
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const order = await readOrder(deps, orderId);
    if (!order) throw new OrderNotFoundError(orderId, eventName);
    const decision = decide(order.orderStatus, eventName);
    if (decision.kind === 'ignored') throw ignoredOrderEventError(decision.reason, { orderId, eventName, orderStatus: order.orderStatus });
    if ((await updateOrderStatus(deps, order, decision.to)) === 'updated') return { kind: 'statusChanged', from: order.orderStatus, to: decision.to };
  }
  throw new OrderStatusConflictError(orderId, eventName, maxAttempts);
}

async function raiseOrderCreated(deps: SyncOrderDeps, placed: OrderData): Promise<SyncOrderResult> {
  const stored = await readOrder(deps, placed.orderId);
  const { order, created } = stored ? { order: stored, created: false } : await createOrder(deps, placed);
  const published = await publishEvent(deps.client, deps.eventStoreTable, orderEvent('ORDER_CREATED_EVENT', order, deps.now()));
  if (published === 'duplicate') throw new DuplicateOrderEventError(order.orderId, 'ORDER_CREATED_EVENT');
  return { kind: 'orderCreatedRaised', order, created };
}
