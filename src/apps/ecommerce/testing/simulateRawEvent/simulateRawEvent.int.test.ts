import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcommerceStore, eventItemStampedAtStart } from '../../../../../test/support/ecommerce/store.ts';
import { simulateRawEvent } from './simulateRawEvent.ts';

describe('simulateRawEvent (component, DynamoDB Local)', () => {
  let store: Awaited<ReturnType<typeof createEcommerceStore>>;
  beforeAll(async () => {
    store = await createEcommerceStore('simulate-raw-event');
  });
  afterAll(() => store.destroy());

  const eventData = { orderId: 'ORD001', sku: 'ORANGES', units: 2, price: 22.99, userId: '123456' };

  it('stores exactly the event item, stamping missing timestamps with now', async () => {
    const request = { pk: 'EVENTS#ORDER_ID#ORD001', sk: 'EVENT#ORDER_SHIPPED_EVENT', eventName: 'ORDER_SHIPPED_EVENT', eventData };

    const echo = await simulateRawEvent(store, request);

    expect(echo).toEqual(request);
    expect(await store.get({ pk: request.pk, sk: request.sk })).toEqual({ ...request, ...eventItemStampedAtStart });
  });

  it('stores sent timestamps trimmed, a blank one as now, and echoes them as sent', async () => {
    const request = { pk: 'RAW#1', sk: 'RAW#1', eventName: 'ANYTHING', eventData: null, createdAt: ' 2025-06-19T00:27:33.368Z ', updatedAt: '  ' };

    const echo = await simulateRawEvent(store, request);

    expect(echo).toEqual(request);
    expect(await store.get({ pk: 'RAW#1', sk: 'RAW#1' })).toMatchObject({
      eventData: null,
      createdAt: '2025-06-19T00:27:33.368Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      gsi1sk: 'CREATED_AT#2025-06-19T00:27:33.368Z',
    });
  });

  it('is idempotent per pk/sk: a second request writes nothing and is still echoed', async () => {
    const first = { pk: 'RAW#2', sk: 'RAW#2', eventName: 'ORDER_CANCELLED_EVENT', eventData };
    const second = { ...first, eventName: 'ORDER_DELIVERED_EVENT', eventData: { other: true } };
    await simulateRawEvent(store, first);
    const before = await store.get({ pk: 'RAW#2', sk: 'RAW#2' });
    store.advance(5000);

    const echo = await simulateRawEvent(store, second);

    expect(echo).toEqual(second);
    expect(await store.get({ pk: 'RAW#2', sk: 'RAW#2' })).toEqual(before);
  });
});
