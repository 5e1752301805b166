import { describe, expect, it } from 'vitest';
import { orderEvent, type OrderEventName } from '../../events.ts';
import { OrderNotFoundError, RedundantOrderStatusTransitionError } from '../errors.ts';
import type { Order } from '../orders.ts';
import { ORDER_STATUS, type OrderStatus } from '../status.ts';
import { orderDecider } from './orderDecider.ts';

const T = '2026-01-01T00:00:00.000Z';
const data = { orderId: 'ORD001', sku: 'ORANGES', units: 2, price: 22.99, userId: '123456' };
const order = (orderStatus: OrderStatus): Order => ({ ...data, orderStatus, createdAt: T, updatedAt: T });
const when = (eventName: OrderEventName) => orderEvent(eventName, data, T);

describe('orderDecider', () => {
  it('given a created order, when its stock is allocated, then the status moves', () => {
    const events = orderDecider.decide(when('ORDER_STOCK_ALLOCATED_EVENT'), order(ORDER_STATUS.created));

    expect(events).toEqual([{ type: 'OrderStatusChanged', data: { orderId: 'ORD001', from: ORDER_STATUS.created, to: ORDER_STATUS.stockAllocated } }]);
    expect(orderDecider.evolve(order(ORDER_STATUS.created), events[0]!)).toEqual(order(ORDER_STATUS.stockAllocated));
  });

  it('given a created order, when its own ORDER_CREATED_EVENT comes back, then it is refused as redundant and expected', () => {
    const decide = () => orderDecider.decide(when('ORDER_CREATED_EVENT'), order(ORDER_STATUS.created));

    expect(decide).toThrow(RedundantOrderStatusTransitionError);
    expect(decide).toThrow(expect.objectContaining({ expected: true, transient: false }));
  });

  it('given no order, when any event arrives, then it is refused as not found', () => {
    expect(() => orderDecider.decide(when('ORDER_SHIPPED_EVENT'), orderDecider.initialState())).toThrow(OrderNotFoundError);
  });
});
