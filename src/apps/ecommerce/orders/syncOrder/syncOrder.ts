import { handleCommand, type CommandStore } from '../../../../platform/decider.ts';
import { publishEvent } from '../../../../platform/event-store.ts';
import { orderEvent, type OrderData, type OrderEvent } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';
import { DuplicateOrderEventError, OrderStatusConflictError } from '../errors.ts';
import { createOrder, readOrder, updateOrderStatus, type Order } from '../orders.ts';
import type { OrderStatus } from '../status.ts';
import { orderDecider, type OrderStatusChanged } from './orderDecider.ts';

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
 * is a command of `orderDecider`, run by `handleCommand`: the status moves as the transition table
 * says, guarded by the status it was decided from.
 * Ignored events, missing orders and duplicate raises throw permanent errors (the message is dropped).
 *
 * @example
 * await syncOrder({ ...storeDeps(tables.orders), eventStoreTable: tables.eventStore }, event);
 */
export async function syncOrder(deps: SyncOrderDeps, event: OrderEvent, options: SyncOrderOptions = {}): Promise<SyncOrderResult> {
  const { eventName, eventData } = event;
  if (eventName === 'ORDER_PLACED_EVENT') return raiseOrderCreated(deps, eventData);
  const maxAttempts = options.maxAttempts ?? 3;
  const { events } = await handleCommand(orderDecider, orderStore(deps, eventData.orderId), event, {
    maxAttempts,
    conflictError: (attempts) => new OrderStatusConflictError(eventData.orderId, eventName, attempts),
  });
  const [{ data }] = events as [OrderStatusChanged];
  return { kind: 'statusChanged', from: data.from, to: data.to };
}

/** One order item; its version is its status, which the guarded update conditions on (decision 5). */
function orderStore(deps: StoreDeps, orderId: string): CommandStore<Order | undefined, OrderStatusChanged, OrderStatus | undefined> {
  return {
    read: async () => {
      const order = await readOrder(deps, orderId);
      return { state: order, version: order?.orderStatus };
    },
    write: async ({ before, after }) => ((await updateOrderStatus(deps, before.state!, after!.orderStatus)) === 'updated' ? { version: after!.orderStatus } : 'conflict'),
  };
}

async function raiseOrderCreated(deps: SyncOrderDeps, placed: OrderData): Promise<SyncOrderResult> {
  const stored = await readOrder(deps, placed.orderId);
  const { order, created } = stored ? { order: stored, created: false } : await createOrder(deps, placed);
  const published = await publishEvent(deps.client, deps.eventStoreTable, orderEvent('ORDER_CREATED_EVENT', order, deps.now()));
  if (published === 'duplicate') throw new DuplicateOrderEventError(order.orderId, 'ORDER_CREATED_EVENT');
  return { kind: 'orderCreatedRaised', order, created };
}
