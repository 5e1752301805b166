import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore } from '../../../../../test/support/ecommerce/store.ts';
import { fakePaymentGateway } from '../gateway.ts';
import { processOrderPayment } from '../processOrderPayment/processOrderPayment.ts';
import { listOrderPayments, listOrderPaymentsSchema } from './listOrderPayments.ts';

const ORDER_IDS = ['ORD001', 'ORD002', 'ORD003', 'ORD004', 'ORD005'];
let store: Awaited<ReturnType<typeof createEcommerceStore>>;
const list = (body: Record<string, unknown>) => listOrderPayments(store, listOrderPaymentsSchema.parse(body));
const ids = (page: { orderPayments: { orderId: string }[] }) => page.orderPayments.map((payment) => payment.orderId);

beforeAll(async () => {
  store = await createEcommerceStore('payments-list');
  const deps = { ...store, eventStore: store.table, gateway: fakePaymentGateway({ mode: 'accept' }) };
  for (const orderId of ORDER_IDS) {
    store.advance(1_000);
    await processOrderPayment(deps, { orderId, sku: 'GRAPES', units: 4, price: 2.34, userId: 'U-123456' });
  }
});
afterAll(() => store.destroy());

describe('listOrderPayments (DynamoDB Local)', () => {
  it('finds one payment by orderId, with exactly the API fields', async () => {
    const page = await list({ orderId: 'ORD002' });

    expect(page).toEqual({
      orderPayments: [
        {
          orderId: 'ORD002',
          sku: 'GRAPES',
          units: 4,
          price: 2.34,
          userId: 'U-123456',
          createdAt: '2026-01-01T00:00:02.000Z',
          updatedAt: '2026-01-01T00:00:02.000Z',
          paymentId: expect.stringMatching(/^[0-9A-F]{6}$/),
          paymentStatus: 'PAYMENT_ACCEPTED',
          paymentRetries: 0,
        },
      ],
    });
    expect(Object.keys(page.orderPayments[0] ?? {})).toEqual(['orderId', 'sku', 'units', 'price', 'userId', 'createdAt', 'updatedAt', 'paymentId', 'paymentStatus', 'paymentRetries']);
  });

  it('answers [] for an unknown orderId, ignoring limit and direction', async () => {
    expect(await list({ orderId: 'NOPE', limit: 1, sortDirection: 'desc' })).toEqual({ orderPayments: [] });
  });

  it('lists payments oldest first by default', async () => {
    expect(ids(await list({}))).toEqual(ORDER_IDS);
  });

  it('lists newest first with desc', async () => {
    expect(ids(await list({ sortDirection: 'desc' }))).toEqual([...ORDER_IDS].reverse());
  });

  it('pages with limit and nextToken until no token is returned', async () => {
    const first = await list({ limit: 2 });
    const second = await list({ limit: 2, nextToken: first.nextToken });
    const third = await list({ limit: 2, nextToken: second.nextToken });

    expect([ids(first), ids(second), ids(third)]).toEqual([['ORD001', 'ORD002'], ['ORD003', 'ORD004'], ['ORD005']]);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(third.nextToken).toBeUndefined();
  });

  it('pages descending too', async () => {
    const first = await list({ limit: 3, sortDirection: 'desc' });
    const second = await list({ limit: 3, sortDirection: 'desc', nextToken: first.nextToken });

    expect([...ids(first), ...ids(second)]).toEqual([...ORDER_IDS].reverse());
    expect(second.nextToken).toBeUndefined();
  });
});
