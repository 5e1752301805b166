import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore, eventItemStampedAtStart } from '../../../../../test/support/ecommerce/store.ts';
import { orderEventKey } from '../../events.ts';
import { placeOrder } from './placeOrder.ts';

describe('placeOrder (component, DynamoDB Local)', () => {
  let store: Awaited<ReturnType<typeof createEcommerceStore>>;
  beforeAll(async () => {
    store = await createEcommerceStore('place-order');
  });
  afterAll(() => store.destroy());

  it('publishes ORDER_PLACED_EVENT once and echoes every request', async () => {
    const first = { orderId: 'ORD001', sku: 'APPLES', units: 20, price: 33.25, userId: '123456' };
    const second = { ...first, units: 3, price: 120000.99 };

    const firstEcho = await placeOrder(store, first);
    store.advance(1000);
    const secondEcho = await placeOrder(store, second);

    expect(firstEcho).toEqual(first);
    expect(secondEcho).toEqual(second);
    expect(await store.get(orderEventKey('ORD001', 'ORDER_PLACED_EVENT'))).toEqual({
      pk: 'EVENTS#ORDER_ID#ORD001',
      sk: 'EVENT#ORDER_PLACED_EVENT',
      eventName: 'ORDER_PLACED_EVENT',
      eventData: first,
      ...eventItemStampedAtStart,
    });
  });

  it('stores and echoes untrimmed values as sent', async () => {
    const order = { orderId: ' ORD002 ', sku: ' PEARS', units: 1, price: 0, userId: 'USER ' };

    expect(await placeOrder(store, order)).toEqual(order);
    expect((await store.get(orderEventKey(' ORD002 ', 'ORDER_PLACED_EVENT')))?.eventData).toEqual(order);
  });
});
