import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore } from '../../../../../test/support/ecommerce/store.ts';
import { createOrder } from '../orders.ts';
import { listOrders } from './listOrders.ts';

describe('listOrders (component, DynamoDB Local)', () => {
  let store: Awaited<ReturnType<typeof createEcommerceStore>>;
  const orderIds = ['ORD001', 'ORD002', 'ORD003', 'ORD004', 'ORD005'];
  beforeAll(async () => {
    store = await createEcommerceStore('list-orders');
    for (const orderId of orderIds) {
      await createOrder(store, { orderId, sku: 'APPLES', units: 2, price: 9.5, userId: 'USER01' });
      store.advance(1000);
    }
  });
  afterAll(() => store.destroy());

  it('looks one order up by orderId, showing exactly the view fields', async () => {
    const result = await listOrders(store, { orderId: 'ORD002' });

    expect(result).toEqual({
      orders: [
        {
          orderId: 'ORD002',
          orderStatus: 'ORDER_CREATED_STATUS',
          sku: 'APPLES',
          units: 2,
          price: 9.5,
          userId: 'USER01',
          createdAt: '2026-01-01T00:00:01.000Z',
          updatedAt: '2026-01-01T00:00:01.000Z',
        },
      ],
    });
  });

  it('answers an unknown orderId with an empty list', async () => {
    expect(await listOrders(store, { orderId: 'NOPE' })).toEqual({ orders: [] });
  });

  it('pages through all orders in creation order with nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await listOrders(store, { limit: 2, ...(nextToken && { nextToken }) });
      seen.push(...page.orders.map((order) => order.orderId));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);

    expect(seen).toEqual(orderIds);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('sorts newest first with desc and omits nextToken on the last page', async () => {
    const result = await listOrders(store, { sortDirection: 'desc', limit: 1000 });

    expect(result.orders.map((order) => order.orderId)).toEqual([...orderIds].reverse());
    expect(result.nextToken).toBeUndefined();
  });

  it('defaults to ascending', async () => {
    const result = await listOrders(store, {});

    expect(result.orders.map((order) => order.orderId)).toEqual(orderIds);
  });
});
