import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AWS_LIMITS, utf8Bytes } from '../../platform/limits.ts';
import { zodIssues } from '../../platform/validation.ts';
import { ID_MAX_BYTES, ORDER_EVENT_NAMES, orderDataSchema, orderEventKey, restockDataSchema, restockEventKey } from './events.ts';
import { allocationKey, lotKey, skuKey } from './inventory/keys.ts';
import { listOrdersSchema } from './orders/listOrders/listOrders.ts';
import { orderKey } from './orders/orders.ts';
import { paymentKey } from './payments/payments.ts';
import { simulateRawEventSchema } from './testing/simulateRawEvent/simulateRawEvent.ts';

const order = { orderId: 'ORDER-1', sku: 'APPLES', units: 1, price: 1.5, userId: 'USER-1' };
const fieldsOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error).map((issue) => issue.path);
};

describe('ecommerce schema bounds (issue 15, F2–F4)', () => {
  it('every key built from ids of the largest size fits DynamoDB (partition 2,048, sort 1,024 bytes)', () => {
    // Prepare: 4-byte characters, the most bytes an id of ID_MAX_BYTES can carry.
    const id = '😀'.repeat(ID_MAX_BYTES / 4);
    expect(orderDataSchema.safeParse({ ...order, orderId: id, sku: id, userId: id }).success).toBe(true);
    const keys = [
      ...ORDER_EVENT_NAMES.map((name) => orderEventKey(id, name)),
      restockEventKey(id, id),
      skuKey(id),
      lotKey(id, id),
      allocationKey(id, id),
      orderKey(id),
      paymentKey(id),
    ];

    // Assess
    for (const { pk, sk } of keys) {
      expect(utf8Bytes(pk)).toBeLessThanOrEqual(AWS_LIMITS.partitionKeyBytes);
      expect(utf8Bytes(sk)).toBeLessThanOrEqual(AWS_LIMITS.sortKeyBytes);
    }
  });

  it.each([
    ['a 300 KB userId (its stream record would not fit a 256 KB event)', { ...order, userId: 'u'.repeat(300_000) }, 'userId'],
    ['a 1,100-character orderId', { ...order, orderId: 'o'.repeat(1_100) }, 'orderId'],
    ['a 600-character sku', { ...order, sku: 's'.repeat(600) }, 'sku'],
    ['an id of 65 4-byte characters (260 bytes)', { ...order, sku: '😀'.repeat(65) }, 'sku'],
    ['a price of 1e200', { ...order, price: 1e200 }, 'price'],
    ['a price of 1e-200', { ...order, price: 1e-200 }, 'price'],
    ['units beyond 2^53', { ...order, units: 2 ** 53 + 2 }, 'units'],
  ])('an order with %s is refused naming the field', (_case, body, field) => {
    expect(fieldsOf(orderDataSchema, body)).toEqual([field]);
  });

  it('a restock names a long lotId', () => {
    expect(fieldsOf(restockDataSchema, { sku: 'APPLES', units: 1, lotId: 'l'.repeat(1_000) })).toEqual(['lotId']);
  });

  it('a list query names a 3,000-character id and a nextToken that is too long', () => {
    expect(fieldsOf(listOrdersSchema, { orderId: 'o'.repeat(3_000) })).toEqual(['orderId']);
    expect(fieldsOf(listOrdersSchema, { nextToken: 'A'.repeat(10_000) })).toContain('nextToken');
  });

  it('a raw event names deep nesting, an unstorable number and a body too large to stream', () => {
    const raw = { pk: 'EVENTS#ORDER_ID#X', sk: 'EVENT#X', eventName: 'X' };
    let deep: unknown = 1;
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(fieldsOf(simulateRawEventSchema, { ...raw, eventData: deep })[0]).toMatch(/^eventData(\.0)+$/);
    expect(fieldsOf(simulateRawEventSchema, { ...raw, eventData: { price: 1e200 } })).toEqual(['eventData.price']);
    expect(fieldsOf(simulateRawEventSchema, { ...raw, eventData: 'x'.repeat(200_000) })).toEqual(['eventData']);
    expect(fieldsOf(simulateRawEventSchema, { ...raw, pk: 'p'.repeat(2_049), eventData: {} })).toEqual(['pk']);
    expect(fieldsOf(simulateRawEventSchema, { ...raw, sk: 's'.repeat(1_025), eventData: {} })).toEqual(['sk']);
  });
});
