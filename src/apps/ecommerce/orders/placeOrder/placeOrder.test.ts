import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../../../platform/validation.ts';
import { placeOrderSchema } from './placeOrder.ts';

const valid = { orderId: 'ORD001', sku: 'APPLES', units: 20, price: 33.25, userId: '123456' };

function issuePaths(body: unknown): string[] {
  const parsed = placeOrderSchema.safeParse(body);
  return parsed.success ? [] : zodIssues(parsed.error).map((issue) => issue.path);
}

describe('placeOrderSchema (spec §3.3)', () => {
  it('accepts a complete order and ignores unknown fields', () => {
    const parsed = placeOrderSchema.parse({ ...valid, coupon: 'FREE' });

    expect(parsed).toEqual(valid);
  });

  it.each(['orderId', 'sku', 'units', 'price', 'userId'])('requires %s', (field) => {
    expect(issuePaths({ ...valid, [field]: undefined })).toEqual([field]);
  });

  describe.each(['orderId', 'sku', 'userId'])('%s', (field) => {
    it.each([
      ['ABC', false],
      ['  ABC  ', false],
      ['    ', false],
      ['ABCD', true],
    ])('%j accepted: %s (length measured after trimming)', (value, accepted) => {
      expect(issuePaths({ ...valid, [field]: value })).toEqual(accepted ? [] : [field]);
    });

    it('keeps " ABCD " untrimmed', () => {
      expect(placeOrderSchema.parse({ ...valid, [field]: ' ABCD ' })[field as 'sku']).toBe(' ABCD ');
    });

    it('rejects a number', () => {
      expect(issuePaths({ ...valid, [field]: 123456 })).toEqual([field]);
    });
  });

  it.each([
    [0, false],
    [1, true],
    [1.5, false],
    ['5', false],
    [1_500_000, true],
  ])('units %j accepted: %s', (units, accepted) => {
    expect(issuePaths({ ...valid, units })).toEqual(accepted ? [] : ['units']);
  });

  it.each([
    [-0.01, false],
    [0, true],
    [0.99, true],
    [120000.99, true],
    ['33.25', false],
  ])('price %j accepted: %s (no upper bound)', (price, accepted) => {
    expect(issuePaths({ ...valid, price })).toEqual(accepted ? [] : ['price']);
  });
});
