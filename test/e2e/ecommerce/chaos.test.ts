import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawOrderEvent, type EcommerceClient, type PlaceOrder, type RawEvent } from './client.ts';
import { startEcommerce, storedItem, waitUntilHandled, type EcommerceCloud } from './harness.ts';

const APP = 'e2echaos';
const order = (orderId: string, sku: string, units: number): PlaceOrder => ({ orderId, sku, units, price: 12.5, userId: 'USER-CHAOS' });

describe('ecommerce e2e: raw-event chaos through simulateRawEvent (spec §3.6, §4)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    ecommerce = await startEcommerce(APP, { mode: 'accept' }, { warm: (name) => !name.endsWith('deallocateOrderCanceledWorker') });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  /** Sends a raw event (202 echo) and waits until the workers it reaches are done with it. */
  async function inject(event: RawEvent): Promise<void> {
    expect(await api.simulateRawEvent(event)).toMatchObject({ status: 202, body: event });
    await waitUntilHandled(ecommerce.cloud, event);
  }

  /** Places an order and waits until it is paid. */
  async function paidOrder(placed: PlaceOrder): Promise<void> {
    expect((await api.placeOrder(placed)).status).toBe(202);
    await api.waitForOrderStatus(placed.orderId, 'ORDER_PAYMENT_ACCEPTED_STATUS');
    await api.waitForPayment(placed.orderId, 'PAYMENT_ACCEPTED');
  }

  it('stores an event with an unknown name, which no worker consumes: nothing changes', async () => {
    // Prepare
    await api.restocked({ sku: 'CHAOS-UNKNOWN', units: 10, lotId: 'LOT-1' });
    const paid = order('CHAOS-UNKNOWN-1', 'CHAOS-UNKNOWN', 2);
    await paidOrder(paid);
    const before = { order: await api.order(paid.orderId), payment: await api.payment(paid.orderId) };
    const odd = rawOrderEvent('ORDER_TELEPORTED_EVENT', paid);

    // Act
    await inject(odd);

    // Assess
    expect(await storedItem(ecommerce.cloud, APP, odd)).toMatchObject({ eventName: { S: 'ORDER_TELEPORTED_EVENT' }, eventData: { M: expect.any(Object) } });
    expect(await api.order(paid.orderId)).toEqual(before.order);
    expect(await api.payment(paid.orderId)).toEqual(before.payment);
    expect(await api.units('CHAOS-UNKNOWN')).toBe(8);
  });

  describe('events for an order that does not exist', () => {
    it('a status event (SHIPPED) creates no order and nothing else', async () => {
      // Act
      await inject(rawOrderEvent('ORDER_SHIPPED_EVENT', order('GHOST-SHIPPED', 'CHAOS-GHOST', 1)));

      // Assess
      expect(await api.order('GHOST-SHIPPED')).toBeUndefined();
      expect(await api.payment('GHOST-SHIPPED')).toBeUndefined();
      expect((await api.listSkus({ sku: 'CHAOS-GHOST' })).skus).toEqual([]);
    });

    it('ORDER_CREATED allocates and gets paid without any order (§4.3/§4.4: those workers do not check the order)', async () => {
      // Prepare
      await api.restocked({ sku: 'CHAOS-GHOST-STOCK', units: 10, lotId: 'LOT-1' });
      const ghost = order('GHOST-CREATED', 'CHAOS-GHOST-STOCK', 3);

      // Act
      expect((await api.simulateRawEvent(rawOrderEvent('ORDER_CREATED_EVENT', ghost))).status).toBe(202);

      // Assess: allocated (stock down), paid, and the payment's acceptance reached every worker
      expect(await api.waitForPayment('GHOST-CREATED', 'PAYMENT_ACCEPTED')).toMatchObject({ ...ghost, paymentRetries: 0 });
      await waitUntilHandled(ecommerce.cloud, rawOrderEvent('ORDER_PAYMENT_ACCEPTED_EVENT', ghost));
      expect(await api.units('CHAOS-GHOST-STOCK')).toBe(7);
      expect(await api.order('GHOST-CREATED')).toBeUndefined();
    });

    it('ORDER_STOCK_ALLOCATED is paid without order or allocation; no stock moves', async () => {
      // Prepare
      await api.restocked({ sku: 'CHAOS-GHOST-PAY', units: 10, lotId: 'LOT-1' });
      const ghost = order('GHOST-ALLOCATED', 'CHAOS-GHOST-PAY', 4);

      // Act
      expect((await api.simulateRawEvent(rawOrderEvent('ORDER_STOCK_ALLOCATED_EVENT', ghost))).status).toBe(202);

      // Assess
      expect(await api.waitForPayment('GHOST-ALLOCATED', 'PAYMENT_ACCEPTED')).toMatchObject({ ...ghost, paymentRetries: 0 });
      await waitUntilHandled(ecommerce.cloud, rawOrderEvent('ORDER_PAYMENT_ACCEPTED_EVENT', ghost));
      expect(await api.units('CHAOS-GHOST-PAY')).toBe(10);
      expect(await api.order('GHOST-ALLOCATED')).toBeUndefined();
    });
  });

  describe('the same event again under a different sk: every worker is idempotent', () => {
    it('a restock lot replayed is not counted twice', async () => {
      // Prepare
      await api.restocked({ sku: 'CHAOS-LOT', units: 10, lotId: 'LOT-1' });

      // Act
      const replay = { pk: 'EVENTS#SKU#CHAOS-LOT', sk: 'EVENT#SKU_RESTOCKED_EVENT#LOT_ID#LOT-1#REPLAY', eventName: 'SKU_RESTOCKED_EVENT', eventData: { sku: 'CHAOS-LOT', units: 10, lotId: 'LOT-1' } };
      await inject(replay);

      // Assess
      expect(await api.units('CHAOS-LOT')).toBe(10);
    });

    it('CREATED, ALLOCATED and PAYMENT_REJECTED replayed after the payment: no second allocation, charge or refund', async () => {
      // Prepare
      await api.restocked({ sku: 'CHAOS-REPLAY', units: 10, lotId: 'LOT-1' });
      const paid = order('CHAOS-REPLAY-1', 'CHAOS-REPLAY', 3);
      await paidOrder(paid);
      const payment = await api.payment(paid.orderId);

      // Act
      for (const eventName of ['ORDER_CREATED_EVENT', 'ORDER_STOCK_ALLOCATED_EVENT', 'ORDER_PAYMENT_REJECTED_EVENT']) {
        await inject(rawOrderEvent(eventName, paid, `EVENT#${eventName}#REPLAY`));
      }

      // Assess: ALLOCATED after PAYMENT_ACCEPTED is stale, REJECTED after it forbidden
      expect(await api.order(paid.orderId)).toMatchObject({ orderStatus: 'ORDER_PAYMENT_ACCEPTED_STATUS' });
      expect(await api.payment(paid.orderId)).toEqual(payment);
      expect(await api.units('CHAOS-REPLAY')).toBe(7);
      await api.expectStockInvariant('CHAOS-REPLAY', 10);
    });
  });

  it('statuses out of order: SHIPPED then DELIVERED moves on, a late SHIPPED or ALLOCATED is stale', async () => {
    // Prepare
    await api.restocked({ sku: 'CHAOS-SHIP', units: 10, lotId: 'LOT-1' });
    const paid = order('CHAOS-SHIP-1', 'CHAOS-SHIP', 1);
    await paidOrder(paid);

    // Act
    await inject(rawOrderEvent('ORDER_SHIPPED_EVENT', paid));
    const shipped = await api.order(paid.orderId);
    await inject(rawOrderEvent('ORDER_DELIVERED_EVENT', paid));
    const delivered = await api.order(paid.orderId);
    await inject(rawOrderEvent('ORDER_SHIPPED_EVENT', paid, 'EVENT#ORDER_SHIPPED_EVENT#LATE'));
    await inject(rawOrderEvent('ORDER_STOCK_ALLOCATED_EVENT', paid, 'EVENT#ORDER_STOCK_ALLOCATED_EVENT#LATE'));

    // Assess
    expect(shipped?.orderStatus).toBe('ORDER_SHIPPED_STATUS');
    expect(delivered?.orderStatus).toBe('ORDER_DELIVERED_STATUS');
    expect(await api.order(paid.orderId)).toEqual(delivered);
    expect(await api.payment(paid.orderId)).toMatchObject({ paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 0 });
    expect(await api.units('CHAOS-SHIP')).toBe(9);
  });

  it('DELIVERED raw before SHIPPED: the order stays DELIVERED', async () => {
    // Prepare
    await api.restocked({ sku: 'CHAOS-DELIVER', units: 10, lotId: 'LOT-1' });
    const paid = order('CHAOS-DELIVER-1', 'CHAOS-DELIVER', 1);
    await paidOrder(paid);

    // Act
    await inject(rawOrderEvent('ORDER_DELIVERED_EVENT', paid));
    await inject(rawOrderEvent('ORDER_SHIPPED_EVENT', paid));

    // Assess
    expect(await api.order(paid.orderId)).toMatchObject({ orderStatus: 'ORDER_DELIVERED_STATUS' });
  });
});
