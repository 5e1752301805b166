import type { Decider } from '../../../../platform/decider.ts';
import type { OrderEvent } from '../../events.ts';
import { ignoredOrderEventError, OrderNotFoundError } from '../errors.ts';
import type { Order } from '../orders.ts';
import { decide as transition, type OrderStatus } from '../status.ts';

/** What an order event does to the order view: its status moves. */
export interface OrderStatusChanged {
  readonly type: 'OrderStatusChanged';
  readonly data: { readonly orderId: string; readonly from: OrderStatus; readonly to: OrderStatus };
}

/**
 * The order view's status as a decider (spec §4.2): an order event moves the status as the
 * transition table says; an event the table ignores, or one for a missing order, is refused with
 * a permanent error (the message is dropped). `undefined`: no order yet.
 */
export const orderDecider: Decider<Order | undefined, OrderEvent, OrderStatusChanged> = {
  decide: ({ eventName, eventData: { orderId } }, order) => {
    if (!order) throw new OrderNotFoundError(orderId, eventName);
    const decision = transition(order.orderStatus, eventName);
    if (decision.kind === 'ignored') throw ignoredOrderEventError(decision.reason, { orderId, eventName, orderStatus: order.orderStatus });
    return [{ type: 'OrderStatusChanged', data: { orderId, from: order.orderStatus, to: decision.to } }];
  },
  evolve: (order, { data: { to } }) => order && { ...order, orderStatus: to },
  initialState: () => undefined,
};
