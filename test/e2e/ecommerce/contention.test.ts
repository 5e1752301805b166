import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.ts';
import { FINAL_ORDER_STATUSES, type EcommerceClient, type PlaceOrder } from './client.ts';
import { startEcommerce, warmSandboxes, type EcommerceCloud } from './harness.ts';

const STOCK = 20;
const ORDERS = 50;

describe('ecommerce e2e: concurrent orders contending for too little stock (spec §4.3, decision 5)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    ecommerce = await startEcommerce('e2econtention', { mode: 'accept' }, { warm: (name) => !/deallocate|simulateRawEvent/.test(name) });
    api = ecommerce.api;
    // The burst below uses all 10 sandboxes of the API; they start before it, not all at once inside it.
    await warmSandboxes(ecommerce.cloud, 'e2econtention-placeOrderApi', ecommerce.cloud.services.runner.concurrency('e2econtention-placeOrderApi'));
  });
  afterAll(() => ecommerce?.stop());

  it(`never oversells: ${ORDERS} concurrent orders of 1 unit for ${STOCK} units → ${STOCK} paid, the rest depleted, stock 0`, async () => {
    // Prepare
    await api.restocked({ sku: 'SCARCE', units: STOCK, lotId: 'LOT-1' });
    const orders = Array.from({ length: ORDERS }, (_, i): PlaceOrder => ({ orderId: `RUSH-${String(i).padStart(3, '0')}`, sku: 'SCARCE', units: 1, price: 9.99, userId: 'USER-RUSH' }));

    // Act
    const answers = await Promise.all(orders.map((placed) => api.placeOrder(placed)));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(orders.map(() => 202));
    const settled = await waitFor(
      async () => {
        const all = await api.allOrders();
        expect(all.filter((placed) => FINAL_ORDER_STATUSES.includes(placed.orderStatus))).toHaveLength(ORDERS);
        return all;
      },
      { timeoutMs: 45_000, intervalMs: 250, description: `${ORDERS} settled orders` },
    );
    const count = (status: string) => settled.filter((placed) => placed.orderStatus === status).length;
    expect(count('ORDER_PAYMENT_ACCEPTED_STATUS')).toBe(STOCK);
    expect(count('ORDER_STOCK_DEPLETED_STATUS')).toBe(ORDERS - STOCK);
    expect(await api.units('SCARCE')).toBe(0);
    await api.expectStockInvariant('SCARCE', STOCK);

    const { orderPayments } = await api.listPayments({ limit: 1000 });
    expect(orderPayments).toHaveLength(STOCK);
    expect(orderPayments.every((payment) => payment.paymentStatus === 'PAYMENT_ACCEPTED')).toBe(true);
  }, 60_000);
});
