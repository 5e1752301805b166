import { describe, expect, it } from 'vitest';
import { listOrderPaymentsSchema } from './listOrderPayments.ts';

const token = Buffer.from(JSON.stringify({ pk: 'PAYMENTS#ORDER_ID#ORD001', sk: 'x', gsi1pk: 'PAYMENTS#ORDER_PAYMENT', gsi1sk: 'CREATED_AT#t' })).toString('base64url');

describe('listOrderPaymentsSchema (spec §3.5)', () => {
  it.each([
    ['an empty query', {}],
    ['an orderId of 4 characters', { orderId: 'ORD1' }],
    ['an orderId padded with spaces', { orderId: ' ORD1 ' }],
    ['limit 1', { limit: 1 }],
    ['limit 1000', { limit: 1000 }],
    ['asc', { sortDirection: 'asc' }],
    ['desc', { sortDirection: 'desc' }],
    ['a nextToken from a previous page', { nextToken: token }],
    ['unknown keys (dropped)', { extra: true }],
  ])('accepts %s', (_label, body) => {
    expect(listOrderPaymentsSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    ['an orderId of 3 characters', { orderId: 'ORD' }, 'orderId'],
    ['an orderId of 4 characters only once untrimmed', { orderId: ' OR ' }, 'orderId'],
    ['a numeric orderId', { orderId: 1234 }, 'orderId'],
    ['limit 0', { limit: 0 }, 'limit'],
    ['limit 1001', { limit: 1001 }, 'limit'],
    ['a fractional limit', { limit: 1.5 }, 'limit'],
    ['a string limit', { limit: '10' }, 'limit'],
    ['an upper-case direction', { sortDirection: 'DESC' }, 'sortDirection'],
    ['a forged nextToken', { nextToken: 'not-a-token' }, 'nextToken'],
  ])('rejects %s', (_label, body, path) => {
    const parsed = listOrderPaymentsSchema.safeParse(body);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });

  it('keeps the untrimmed orderId (the reference stores and looks up what was sent)', () => {
    expect(listOrderPaymentsSchema.parse({ orderId: ' ORD1 ' }).orderId).toBe(' ORD1 ');
  });
});
