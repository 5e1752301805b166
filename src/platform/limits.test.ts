import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssues } from './validation.ts';
import { AWS_LIMITS, boundedString, documentProblem, dynamoJsonBytes, isStorableNumber, s3Key, storableDocument, storableNumber, utf8Bytes } from './limits.ts';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error, ['field']);
};

describe('utf8Bytes and boundedString', () => {
  it('counts UTF-8 bytes, not UTF-16 units: a 4-byte character is 4', () => {
    expect(utf8Bytes('a')).toBe(1);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('😀')).toBe(4);
  });

  it('accepts exactly the limit and refuses one byte more, naming the field', () => {
    const schema = z.object({ field: boundedString(8) });
    expect(schema.safeParse({ field: '😀😀' }).success).toBe(true);
    expect(issuesOf(schema, { field: '😀😀a' })).toEqual([{ path: 'field.field', message: 'must be at most 8 bytes in UTF-8' }]);
  });
});

describe('isStorableNumber / storableNumber', () => {
  it.each([0, -0, 1, -1, 1.5, 1e-130, -1e-130, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 99999.99])('stores %s', (value) => {
    expect(isStorableNumber(value)).toBe(true);
  });

  it.each([1e200, 1e126, 2 ** 53 + 2, -(2 ** 60), 1e-131, 5e-324, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (value) => {
    expect(isStorableNumber(value)).toBe(false);
  });

  it('answers a message naming the range', () => {
    expect(issuesOf(storableNumber().min(0), 1e200)[0]?.message).toMatch(/between 1e-130 and 9007199254740991/);
  });
});

describe('s3Key', () => {
  it('accepts 1,024 bytes and refuses 1,025, an empty key and a NUL', () => {
    expect(s3Key().safeParse('k'.repeat(AWS_LIMITS.s3KeyBytes)).success).toBe(true);
    expect(issuesOf(s3Key(), 'k'.repeat(1_025))[0]?.message).toMatch(/1024 bytes/);
    expect(issuesOf(s3Key(), '')[0]?.message).toMatch(/empty/);
    expect(issuesOf(s3Key(), 'uploads/a\u0000.json')[0]?.message).toMatch(/control characters/);
  });
});

describe('documentProblem / storableDocument', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };

  it('accepts 32 levels of maps and refuses 33, naming the place', () => {
    expect(documentProblem(nested(32), 32)).toBeUndefined();
    expect(documentProblem(nested(33), 32)).toEqual({ path: Array(32).fill('a'), message: expect.stringMatching(/32 levels/) });
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(documentProblem(nested(100_000), 32)?.message).toMatch(/levels/);
  });

  it('names a number DynamoDB cannot store by its path', () => {
    expect(issuesOf(storableDocument(), { list: [1, { price: 1e200 }] })).toEqual([{ path: 'field.list.1.price', message: expect.stringMatching(/1e-130/) }]);
  });

  it('refuses a value larger than maxBytes as DynamoDB JSON', () => {
    expect(issuesOf(storableDocument({ maxBytes: 100 }), { text: 'x'.repeat(200) })[0]?.message).toMatch(/at most 100 bytes as DynamoDB JSON/);
  });
});

describe('dynamoJsonBytes', () => {
  it.each([
    ['a string', 'héllo', { S: 'héllo' }],
    ['a number', 12.5, { N: '12.5' }],
    ['a boolean', true, { BOOL: true }],
    ['null', null, { NULL: true }],
    ['a list', [1, 'a', false], { L: [{ N: '1' }, { S: 'a' }, { BOOL: false }] }],
    ['an empty map', {}, { M: {} }],
    ['a map', { a: { b: [] }, 'q"': 'x\u0000' }, { M: { a: { M: { b: { L: [] } } }, 'q"': { S: 'x\u0000' } } }],
  ])('is the size of %s as DynamoDB JSON', (_name, value, dynamoJson) => {
    expect(dynamoJsonBytes(value)).toBe(utf8Bytes(JSON.stringify(dynamoJson)));
  });
});
