import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createEcommerceStore } from '../../../../../test/support/ecommerce/store.ts';
import { eventItem } from '../../../../platform/event-store.ts';
import { silentLogger } from '../../../../platform/log.ts';
import { orderEvent, orderEventKey, type OrderData } from '../../events.ts';
import { PaymentFailedError } from '../errors.ts';
import { fakePaymentGateway, paymentIdFor, type PaymentGateway } from '../gateway.ts';
import { paymentKey } from '../payments.ts';
import { processOrderPayment, processOrderPaymentWorker, type PaymentDeps } from './processOrderPayment.ts';

type Store = Awaited<ReturnType<typeof createEcommerceStore>>;
const stores: Store[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.destroy()));

const order = (orderId: string, price = 33.25): OrderData => ({ orderId, sku: 'APPLES', units: 20, price, userId: '123456' });

/** A gateway port that answers from a script (`fail` throws) and counts its calls. */
function scriptedGateway(script: readonly ('accept' | 'reject' | 'fail')[]) {
  const calls: number[] = [];
  const gateway: PaymentGateway = {
    async charge(data, attempt) {
      calls.push(attempt);
      const step = script[calls.length - 1] ?? 'fail';
      if (step === 'fail') throw new PaymentFailedError('Payment failed because the payment gateway is shaky');
      return { status: step === 'accept' ? 'ACCEPTED' : 'REJECTED', paymentId: paymentIdFor(data.orderId) };
    },
  };
  return { gateway, calls };
}

async function setup(gateway: PaymentGateway) {
  const store = await createEcommerceStore('payments');
  stores.push(store);
  const deps: PaymentDeps = { ...store, eventStore: store.table, gateway };
  /** One delivery: the outcome, or the error it threw. */
  const run = async (data: OrderData) => {
    store.advance(10_000);
    return processOrderPayment(deps, data).catch((error: unknown) => error);
  };
  return { store, deps, run };
}

describe('processOrderPayment (DynamoDB Local)', () => {
  it('counts one retry when two deliveries of the same attempt run at once (the second is retried, not counted)', async () => {
    const { gateway } = scriptedGateway([]);
    const { store, run } = await setup(gateway);
    await run(order('ORD090'));

    const [first, second] = await Promise.all([run(order('ORD090')), run(order('ORD090'))]);

    const outcomes = [first, second].map((outcome) => (outcome instanceof PaymentFailedError ? 'failed' : (outcome as Error).name));
    expect(outcomes.sort()).toEqual(['UnrecognizedError', 'failed']);
    expect(await store.get(paymentKey('ORD090'))).toMatchObject({ paymentStatus: 'PAYMENT_FAILED', paymentRetries: 1 });
  });

  it('fails four times, then rejects with 4 retries and the ERROR id without a fifth call', async () => {
    const { gateway, calls } = scriptedGateway([]);
    const { store, run } = await setup(gateway);

    const failures = [await run(order('ORD001')), await run(order('ORD001')), await run(order('ORD001')), await run(order('ORD001'))];
    const fifth = await run(order('ORD001'));

    failures.forEach((failure) => expect(failure).toBeInstanceOf(PaymentFailedError));
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(fifth).toMatchObject({ published: 'published', payment: { paymentStatus: 'PAYMENT_REJECTED', paymentRetries: 4, paymentId: 'ERROR:ORDER_ID:ORD001' } });
    expect(await store.get(paymentKey('ORD001'))).toEqual({
      ...paymentKey('ORD001'),
      ...order('ORD001'),
      paymentId: 'ERROR:ORDER_ID:ORD001',
      paymentStatus: 'PAYMENT_REJECTED',
      paymentRetries: 4,
      createdAt: '2026-01-01T00:00:10.000Z',
      updatedAt: '2026-01-01T00:00:50.000Z',
      _tn: 'PAYMENTS#ORDER_PAYMENT',
      _sn: 'PAYMENTS',
      gsi1pk: 'PAYMENTS#ORDER_PAYMENT',
      gsi1sk: 'CREATED_AT#2026-01-01T00:00:10.000Z',
    });
    expect(await store.get(orderEventKey('ORD001', 'ORDER_PAYMENT_REJECTED_EVENT'))).toMatchObject({ eventName: 'ORDER_PAYMENT_REJECTED_EVENT', eventData: order('ORD001') });
    expect(await store.get(orderEventKey('ORD001', 'ORDER_PAYMENT_ACCEPTED_EVENT'))).toBeUndefined();
  });

  it('records each failure with one more retry and the ERROR id, and publishes nothing', async () => {
    const { gateway } = scriptedGateway([]);
    const { store, run } = await setup(gateway);

    await run(order('ORD002'));
    await run(order('ORD002'));

    expect(await store.get(paymentKey('ORD002'))).toMatchObject({ paymentStatus: 'PAYMENT_FAILED', paymentRetries: 1, paymentId: 'ERROR:ORDER_ID:ORD002', createdAt: '2026-01-01T00:00:10.000Z' });
    expect(await store.get(orderEventKey('ORD002', 'ORDER_PAYMENT_REJECTED_EVENT'))).toBeUndefined();
  });

  it('accepted on attempt 3: retries 2, the MD5 id, the ACCEPTED event', async () => {
    const { gateway, calls } = scriptedGateway(['fail', 'fail', 'accept']);
    const { store, run } = await setup(gateway);

    await run(order('ABC001'));
    await run(order('ABC001'));
    const third = await run(order('ABC001'));

    expect(calls).toEqual([1, 2, 3]);
    expect(third).toMatchObject({ published: 'published', payment: { paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 2, paymentId: 'AC1ED7' } });
    expect(await store.get(paymentKey('ABC001'))).toMatchObject({ paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 2, paymentId: 'AC1ED7' });
    expect(await store.get(orderEventKey('ABC001', 'ORDER_PAYMENT_ACCEPTED_EVENT'))).toMatchObject({ eventData: order('ABC001'), createdAt: '2026-01-01T00:00:30.000Z' });
  });

  it('rejects a price of 120000.99 at once: retries 0, the MD5 id', async () => {
    const { store, run } = await setup(fakePaymentGateway({ random: () => 0 }));

    const outcome = await run(order('ORD011', 120_000.99));

    expect(outcome).toMatchObject({ payment: { paymentStatus: 'PAYMENT_REJECTED', paymentRetries: 0, paymentId: 'D6527F' } });
    expect(await store.get(paymentKey('ORD011'))).toMatchObject({ paymentStatus: 'PAYMENT_REJECTED', paymentRetries: 0, paymentId: 'D6527F', price: 120_000.99 });
    expect(await store.get(orderEventKey('ORD011', 'ORDER_PAYMENT_REJECTED_EVENT'))).toBeDefined();
  });

  it('runs a finished payment again without the gateway: record unchanged, event not duplicated', async () => {
    const { gateway, calls } = scriptedGateway(['accept']);
    const { store, run } = await setup(gateway);
    await run(order('ORD003'));
    const record = await store.get(paymentKey('ORD003'));
    const event = await store.get(orderEventKey('ORD003', 'ORDER_PAYMENT_ACCEPTED_EVENT'));

    const again = await run(order('ORD003'));

    expect(calls).toEqual([1]);
    expect(again).toMatchObject({ published: 'duplicate', payment: { paymentStatus: 'PAYMENT_ACCEPTED' } });
    expect(await store.get(paymentKey('ORD003'))).toEqual(record);
    expect(await store.get(orderEventKey('ORD003', 'ORDER_PAYMENT_ACCEPTED_EVENT'))).toEqual(event);
  });

  it('keeps a final payment recorded by a concurrent delivery while the gateway failed', async () => {
    const store = await createEcommerceStore('payments');
    stores.push(store);
    const accepting: PaymentDeps = { ...store, eventStore: store.table, gateway: fakePaymentGateway({ mode: 'accept' }) };
    // The slow delivery's gateway call fails, but another delivery settles the payment meanwhile.
    const racing: PaymentGateway = {
      async charge(data) {
        await processOrderPayment(accepting, data);
        throw new PaymentFailedError('Payment failed because the payment gateway is shaky');
      },
    };

    const outcome = await processOrderPayment({ ...accepting, gateway: racing }, order('ORD004'));

    expect(outcome).toMatchObject({ published: 'duplicate', payment: { paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 0, paymentId: paymentIdFor('ORD004') } });
    expect(await store.get(paymentKey('ORD004'))).toMatchObject({ paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 0 });
  });

  it('as an SQS worker: a failed payment is retried, a settled one and an invalid event are acknowledged', async () => {
    const { gateway } = scriptedGateway(['fail', 'accept']);
    const { store, deps } = await setup(gateway);
    const worker = processOrderPaymentWorker(deps, { logger: silentLogger });
    const message = (messageId: string, data: OrderData) => ({
      messageId,
      body: JSON.stringify({ detail: { dynamodb: { NewImage: marshall(eventItem(orderEvent('ORDER_STOCK_ALLOCATED_EVENT', data, store.now()))) } } }),
    });
    const batch = (...records: ReturnType<typeof message>[]) => ({ Records: records }) as unknown as SQSEvent;

    const first = await worker(batch(message('m1', order('ORD005')), message('m2', { ...order('ORD006'), units: 0 })));
    const second = await worker(batch(message('m1', order('ORD005'))));

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await store.get(paymentKey('ORD005'))).toMatchObject({ paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 1 });
    expect(await store.get(paymentKey('ORD006'))).toBeUndefined();
  });
});
