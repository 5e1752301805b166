import { describe, expect, it } from 'vitest';
import { limitCases, sortDirectionCases } from '../../../../../test/support/ecommerce/list-query-cases.ts';
import { listSkusSchema } from './listSkus.ts';

describe('listSkusSchema (§3.2)', () => {
  it('accepts {}', () => {
    expect(listSkusSchema.parse({})).toEqual({});
  });

  it.each(limitCases)('limit %j → valid: %s', (limit, ok) => {
    expect(listSkusSchema.safeParse({ limit }).success).toBe(ok);
  });

  it.each(sortDirectionCases)('sortDirection %j → valid: %s', (sortDirection, ok) => {
    expect(listSkusSchema.safeParse({ sortDirection }).success).toBe(ok);
  });

  it.each([
    ['ABC', false],
    ['  ABC ', false],
    ['ABCD', true],
  ])('sku %j → valid: %s', (sku, ok) => {
    expect(listSkusSchema.safeParse({ sku }).success).toBe(ok);
  });

  it('keeps " ABCD " untrimmed', () => {
    expect(listSkusSchema.parse({ sku: ' ABCD ' })).toEqual({ sku: ' ABCD ' });
  });

  it('ignores extra keys', () => {
    expect(listSkusSchema.parse({ limit: 5, other: true })).toEqual({ limit: 5 });
  });

  it('rejects a nextToken it did not issue', () => {
    expect(listSkusSchema.safeParse({ nextToken: 'not-a-token' }).success).toBe(false);
  });
});
