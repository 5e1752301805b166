import { describe, expect, it } from 'vitest';
import { restockSkuSchema } from './restockSku.ts';

const valid = { sku: 'APPLES', units: 5, lotId: 'A00002' };

describe('restockSkuSchema (§3.1)', () => {
  it.each([
    ['sku', 'ABC', false],
    ['sku', '  ABC  ', false],
    ['sku', 'ABCD', true],
    ['lotId', 'ABC', false],
    ['lotId', ' \tABC ', false],
    ['lotId', 'ABCD', true],
  ])('%s %j → valid: %s', (field, value, ok) => {
    expect(restockSkuSchema.safeParse({ ...valid, [field]: value }).success).toBe(ok);
  });

  it('accepts " ABCD " and keeps it untrimmed', () => {
    // Act
    const parsed = restockSkuSchema.parse({ ...valid, sku: ' ABCD ', lotId: ' LOT1 ' });
    // Assess
    expect(parsed).toEqual({ sku: ' ABCD ', units: 5, lotId: ' LOT1 ' });
  });

  it.each([
    [0, false],
    [1, true],
    [1.5, false],
    ['5', false],
    [undefined, false],
  ])('units %j → valid: %s', (units, ok) => {
    expect(restockSkuSchema.safeParse({ ...valid, units }).success).toBe(ok);
  });

  it.each(['sku', 'lotId', 'units'])('requires %s', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(restockSkuSchema.safeParse(body).success).toBe(false);
  });

  it('ignores extra keys', () => {
    expect(restockSkuSchema.parse({ ...valid, extra: 1 })).toEqual(valid);
  });
});
