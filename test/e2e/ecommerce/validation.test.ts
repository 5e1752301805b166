import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type EcommerceClient, type Route } from './client.ts';
import { startEcommerce, type EcommerceCloud } from './harness.ts';

const order = { orderId: 'VAL-001', sku: 'APPLES', units: 1, price: 1.5, userId: 'USER-VAL' };
const restock = { sku: 'APPLES', units: 5, lotId: 'LOT-VAL' };
const raw = { pk: 'EVENTS#ORDER_ID#VAL-001', sk: 'EVENT#ORDER_SHIPPED_EVENT', eventName: 'ORDER_SHIPPED_EVENT', eventData: order };
const routes = Object.keys(ROUTES) as Route[];

/** Each case: the route, the body sent, the field the 400 must name. */
const fieldCases: [Route, Record<string, unknown>, string][] = [
  ['restockSku', { ...restock, units: '5' }, 'units'],
  ['restockSku', { ...restock, units: 0 }, 'units'],
  ['restockSku', { ...restock, units: 2.5 }, 'units'],
  ['restockSku', { ...restock, sku: 'ABC' }, 'sku'],
  ['restockSku', { ...restock, lotId: ' AB  ' }, 'lotId'],
  ['restockSku', { sku: 'APPLES', units: 5 }, 'lotId'],
  ['listSkus', { sku: 'ABC' }, 'sku'],
  ['listSkus', { limit: 1001 }, 'limit'],
  ['listSkus', { limit: 0 }, 'limit'],
  ['listSkus', { sortDirection: 'ASC' }, 'sortDirection'],
  ['listSkus', { nextToken: 'not-a-token' }, 'nextToken'],
  ['listSkus', { nextToken: Buffer.from(JSON.stringify({ a: 'b' })).toString('base64url') }, 'nextToken'],
  ['listSkus', { nextToken: Buffer.from(JSON.stringify({ pk: 'p', sk: 's', gsi1pk: 'ORDERS#ORDER', gsi1sk: 'x' })).toString('base64url') }, 'nextToken'],
  ['placeOrder', { ...order, units: '5' }, 'units'],
  ['placeOrder', { ...order, sku: 'ABC' }, 'sku'],
  ['placeOrder', { ...order, price: -0.01 }, 'price'],
  ['placeOrder', { ...order, price: '1.50' }, 'price'],
  ['placeOrder', { ...order, userId: '   ' }, 'userId'],
  ['placeOrder', { sku: 'APPLES', units: 1, price: 1, userId: 'USER-VAL' }, 'orderId'],
  ['listOrders', { orderId: 'ABC' }, 'orderId'],
  ['listOrders', { limit: 1001 }, 'limit'],
  ['listOrders', { sortDirection: 'ASC' }, 'sortDirection'],
  ['listOrderPayments', { orderId: 'ABC' }, 'orderId'],
  ['listOrderPayments', { limit: 1001 }, 'limit'],
  ['listOrderPayments', { sortDirection: 'ASC' }, 'sortDirection'],
  ['simulateRawEvent', { ...raw, sk: '  ' }, 'sk'],
  ['simulateRawEvent', { pk: raw.pk, sk: raw.sk, eventName: raw.eventName }, 'eventData'],
];

describe('ecommerce e2e: validation boundaries and CORS of every API (spec §3)', () => {
  let ecommerce: EcommerceCloud;
  let api: EcommerceClient;

  beforeAll(async () => {
    ecommerce = await startEcommerce('e2evalidation', { mode: 'accept' }, { warm: (name) => name.endsWith('Api') });
    api = ecommerce.api;
  });
  afterAll(() => ecommerce?.stop());

  describe.each(routes)('%s', (route) => {
    it.each([
      ['a missing body', undefined],
      ['invalid JSON', '{"sku": '],
      ['an array body', '[{"sku":"APPLES"}]'],
      ['a JSON null', 'null'],
    ])('answers 400 to %s', async (_case, body) => {
      // Act
      const answer = await api.post(route, body);

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ message: 'Bad Request', errors: [{ path: '', message: expect.any(String) }] });
    });
  });

  it.each(fieldCases)('%s %j → 400 naming %s', async (route, body, field) => {
    // Act
    const answer = await api.post(route, body);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'Bad Request', errors: [{ path: field, message: expect.any(String) }] });
  });

  it('simulateRawEvent is strict: an unknown key is a 400 that names it', async () => {
    // Act
    const answer = await api.post('simulateRawEvent', { ...raw, extra: 1 });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'Bad Request', errors: [{ path: '', message: expect.stringContaining('extra') }] });
  });

  it('accepts the edges of the list rules: limit 1 and 1000, a 4-character key once trimmed, unknown fields ignored', async () => {
    // Act
    const answers = await Promise.all([
      api.post('listSkus', { limit: 1, sortDirection: 'asc', extra: true }),
      api.post('listOrders', { limit: 1000, sortDirection: 'desc' }),
      api.post('listOrderPayments', { orderId: ' ABCD ' }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.body)).toEqual([{ skus: [] }, { orders: [] }, { orderPayments: [] }]);
  });

  describe('CORS', () => {
    it.each(routes)('answers the preflight of %s itself: 204, any origin, POST and OPTIONS, the allowed headers', async (route) => {
      // Act
      const response = await fetch(api.url(route), {
        method: 'OPTIONS',
        headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });

      // Assess
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')?.split(',')).toEqual(['POST', 'OPTIONS']);
      expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key']);
    });

    it('adds the CORS headers to an answer, a 400 included', async () => {
      // Act
      const answer = await api.post('placeOrder', {}, { Origin: 'https://shop.example.com' });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-expose-headers')).toBe('*');
    });
  });
});
