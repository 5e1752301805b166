import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5PaymentId, type EcommerceClient, type PlaceOrder } from './client.ts';
import { startEcommerce, type EcommerceCloud } from './harness.ts';

const order = (orderId: string, sku: string, units: number, price = 33.25): PlaceOrder => ({ orderId, sku, units, price, userId: 'USER-123456' });

describe('ecommerce e2e: orders through the saga, gateway forced to accept (spec §3.3, §4.2–§4.6)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    ecommerce = await startEcommerce('e2eorders', { mode: 'accept' }, { warm: (name) => !name.endsWith('deallocateOrderCanceledWorker') });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  it('a paid order: 202 echo, PAYMENT_ACCEPTED with 0 retries and the MD5 paymentId, stock decremented for good', async () => {
    // Prepare
    await api.restocked({ sku: 'APPLES', units: 100, lotId: 'A00002' });
    const abc001 = order('ABC001', 'APPLES', 20);

    // Act
    const answer = await api.placeOrder(abc001);

    // Assess
    expect(answer).toMatchObject({ status: 202, body: abc001 });
    const placed = await api.waitForOrderStatus('ABC001', 'ORDER_PAYMENT_ACCEPTED_STATUS');
    expect(placed).toEqual({ ...abc001, orderStatus: 'ORDER_PAYMENT_ACCEPTED_STATUS', createdAt: expect.any(String), updatedAt: expect.any(String) });
    const payment = await api.waitForPayment('ABC001', 'PAYMENT_ACCEPTED');
    expect(payment).toMatchObject({ ...abc001, paymentId: 'AC1ED7', paymentRetries: 0 });
    expect(await api.units('APPLES')).toBe(80);
    await api.expectStockInvariant('APPLES', 100);
  });

  it.each([
    ['a price of 0', 'PRICE-ZERO', 0],
    ['a price of 120000.99', 'PRICE-HIGH', 120_000.99],
  ])('%s is placed (202) and rejected by the gateway at once: REJECTED, 0 retries, stock returned', async (_case, orderId, price) => {
    // Prepare
    const sku = `SKU-${orderId}`;
    await api.restocked({ sku, units: 10, lotId: 'LOT-1' });
    const rejected = order(orderId, sku, 4, price);

    // Act
    const answer = await api.placeOrder(rejected);

    // Assess
    expect(answer).toMatchObject({ status: 202, body: rejected });
    await api.waitForOrderStatus(orderId, 'ORDER_PAYMENT_REJECTED_STATUS');
    expect(await api.payment(orderId)).toMatchObject({ ...rejected, paymentStatus: 'PAYMENT_REJECTED', paymentRetries: 0, paymentId: md5PaymentId(orderId) });
    await api.waitForUnits(sku, 10);
    await api.expectStockInvariant(sku, 10);
  });

  describe('stock depletion (spec §4.3)', () => {
    it('an order for a SKU never restocked ends STOCK_DEPLETED, without payment and without creating the SKU', async () => {
      // Act
      expect((await api.placeOrder(order('GHOST-SKU-1', 'NEVER-RESTOCKED', 1))).status).toBe(202);

      // Assess
      await api.waitForOrderStatus('GHOST-SKU-1', 'ORDER_STOCK_DEPLETED_STATUS');
      expect(await api.payment('GHOST-SKU-1')).toBeUndefined();
      expect((await api.listSkus({ sku: 'NEVER-RESTOCKED' })).skus).toEqual([]);
    });

    it('more units than in stock: STOCK_DEPLETED and the stock unchanged', async () => {
      // Prepare
      await api.restocked({ sku: 'GRAPES', units: 5, lotId: 'B00001' });

      // Act
      await api.placeOrder(order('TOO-MANY-1', 'GRAPES', 6));

      // Assess
      await api.waitForOrderStatus('TOO-MANY-1', 'ORDER_STOCK_DEPLETED_STATUS');
      expect(await api.payment('TOO-MANY-1')).toBeUndefined();
      expect(await api.units('GRAPES')).toBe(5);
    });

    it('exactly the units in stock: accepted, the stock at 0', async () => {
      // Prepare
      await api.restocked({ sku: 'ORANGES', units: 175, lotId: 'C00001' });

      // Act
      await api.placeOrder(order('ALL-OF-IT', 'ORANGES', 175));

      // Assess
      await api.waitForOrderStatus('ALL-OF-IT', 'ORDER_PAYMENT_ACCEPTED_STATUS');
      expect(await api.units('ORANGES')).toBe(0);
      await api.expectStockInvariant('ORANGES', 175);
    });
  });

  it('a duplicate orderId with other data answers 202 with the second echo; the order keeps the first data', async () => {
    // Prepare
    await api.restocked({ sku: 'MELONS', units: 50, lotId: 'LOT-M1' });
    const first = order('DUP-ORDER', 'MELONS', 2, 10);
    const second: PlaceOrder = { orderId: 'DUP-ORDER', sku: 'MELONS', units: 9, price: 99.5, userId: 'OTHER-USER' };

    // Act
    const firstAnswer = await api.placeOrder(first);
    const secondAnswer = await api.placeOrder(second);

    // Assess
    expect(firstAnswer).toMatchObject({ status: 202, body: first });
    expect(secondAnswer).toMatchObject({ status: 202, body: second });
    const placed = await api.waitForOrderStatus('DUP-ORDER', 'ORDER_PAYMENT_ACCEPTED_STATUS');
    expect(placed).toMatchObject(first);
    expect(await api.payment('DUP-ORDER')).toMatchObject({ ...first, paymentStatus: 'PAYMENT_ACCEPTED' });
    expect((await api.allOrders()).filter((stored) => stored.orderId === 'DUP-ORDER')).toHaveLength(1);
    expect(await api.units('MELONS')).toBe(48);
  });
});
