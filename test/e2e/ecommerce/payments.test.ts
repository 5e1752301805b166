import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDraw } from '../../../src/apps/ecommerce/payments/gateway.ts';
import { md5PaymentId, rawOrderEvent, type EcommerceClient, type PlaceOrder } from './client.ts';
import { startEcommerce, waitUntilHandled, type EcommerceCloud } from './harness.ts';

const SEED = 'e2e-payments';
const ACCEPT_RATE = 0.3;

/**
 * The first `<prefix>-<n>` whose seeded gateway answers (accept or fail) on attempts 1–4 are
 * `wanted`: the seeded fake draws per (seed, orderId, attempt), so the outcome is known up front.
 */
function orderIdWithDraws(prefix: string, wanted: readonly boolean[]): string {
  for (let n = 1; n < 10_000; n++) {
    const orderId = `${prefix}-${n}`;
    if (wanted.every((accepted, index) => seededDraw(SEED, orderId, index + 1) < ACCEPT_RATE === accepted)) return orderId;
  }
  throw new Error(`no orderId with draws ${wanted.join(',')}`);
}

describe('ecommerce e2e: the seeded random gateway, retries, their limit and cancellation (spec §4.4, decision 6)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    // 2 s between attempts: a payment that keeps failing holds its stock ALLOCATED for 8 s.
    ecommerce = await startEcommerce('e2epayments', { mode: 'random', acceptRate: ACCEPT_RATE, seed: SEED }, { visibilityTimeoutSeconds: 2 });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  it('settles each order as its draws say: accepted at once, accepted on a retry, rejected after 4 failures', async () => {
    // Prepare
    await api.restocked({ sku: 'PAY-SKU', units: 30, lotId: 'LOT-1' });
    const order = (orderId: string, units: number): PlaceOrder => ({ orderId, sku: 'PAY-SKU', units, price: 42.5, userId: 'USER-PAY' });
    const atOnce = order(orderIdWithDraws('PAY-NOW', [true]), 1);
    const onThirdAttempt = order(orderIdWithDraws('PAY-RETRY', [false, false, true]), 2);
    const neverAccepted = order(orderIdWithDraws('PAY-FAIL', [false, false, false, false]), 4);

    // Act
    for (const placed of [atOnce, onThirdAttempt, neverAccepted]) expect((await api.placeOrder(placed)).status).toBe(202);

    // Assess
    await api.waitForOrderStatus(atOnce.orderId, 'ORDER_PAYMENT_ACCEPTED_STATUS');
    expect(await api.payment(atOnce.orderId)).toMatchObject({ ...atOnce, paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 0, paymentId: md5PaymentId(atOnce.orderId) });

    await api.waitForOrderStatus(onThirdAttempt.orderId, 'ORDER_PAYMENT_ACCEPTED_STATUS');
    expect(await api.payment(onThirdAttempt.orderId)).toMatchObject({
      ...onThirdAttempt,
      paymentStatus: 'PAYMENT_ACCEPTED',
      paymentRetries: 2,
      paymentId: md5PaymentId(onThirdAttempt.orderId),
    });

    await api.waitForOrderStatus(neverAccepted.orderId, 'ORDER_PAYMENT_REJECTED_STATUS', 30_000);
    expect(await api.payment(neverAccepted.orderId)).toMatchObject({
      ...neverAccepted,
      paymentStatus: 'PAYMENT_REJECTED',
      paymentRetries: 4,
      paymentId: `ERROR:ORDER_ID:${neverAccepted.orderId}`,
    });

    // The rejected order's 4 units come back; the accepted ones stay sold.
    await api.waitForUnits('PAY-SKU', 30 - 1 - 2);
    await api.expectStockInvariant('PAY-SKU', 30);
  }, 60_000);

  it('a cancellation while the payment keeps failing returns the units once; the later rejection returns nothing', async () => {
    // Prepare: the gateway fails every attempt for this order, so its stock stays ALLOCATED a while
    await api.restocked({ sku: 'CANCEL-SKU', units: 10, lotId: 'LOT-1' });
    const unpaid: PlaceOrder = { orderId: orderIdWithDraws('CANCEL', [false, false, false, false]), sku: 'CANCEL-SKU', units: 3, price: 20, userId: 'USER-CANCEL' };
    expect((await api.placeOrder(unpaid)).status).toBe(202);
    await api.waitForOrderStatus(unpaid.orderId, 'ORDER_STOCK_ALLOCATED_STATUS');
    await api.waitForPayment(unpaid.orderId, 'PAYMENT_FAILED');
    expect(await api.units('CANCEL-SKU')).toBe(7);

    // Act: the README's spelling (double L)
    expect((await api.simulateRawEvent(rawOrderEvent('ORDER_CANCELLED_EVENT', unpaid))).status).toBe(202);

    // Assess: cancelled, units back while the payment is still failing (so the cancellation returned them)
    await api.waitForOrderStatus(unpaid.orderId, 'ORDER_CANCELED_STATUS');
    await api.waitForUnits('CANCEL-SKU', 10);
    expect(await api.payment(unpaid.orderId)).toMatchObject({ paymentStatus: 'PAYMENT_FAILED' });

    // Then the retries run out: the rejection is stale for the order and has no stock left to return
    await api.waitForPayment(unpaid.orderId, 'PAYMENT_REJECTED', 30_000);
    await waitUntilHandled(ecommerce.cloud, rawOrderEvent('ORDER_PAYMENT_REJECTED_EVENT', unpaid));
    expect(await api.payment(unpaid.orderId)).toMatchObject({ paymentRetries: 4, paymentId: `ERROR:ORDER_ID:${unpaid.orderId}` });
    expect(await api.order(unpaid.orderId)).toMatchObject({ orderStatus: 'ORDER_CANCELED_STATUS' });
    expect(await api.units('CANCEL-SKU')).toBe(10);
  }, 60_000);

  it('leaves no payment FAILED once quiet, one record per order', async () => {
    // Act
    const { orderPayments } = await api.listPayments({ limit: 1000 });

    // Assess
    expect(orderPayments).toHaveLength(4);
    expect(orderPayments.filter((payment) => payment.paymentStatus === 'PAYMENT_FAILED')).toEqual([]);
    expect(new Set(orderPayments.map((payment) => payment.orderId)).size).toBe(4);
  });
});
