import { describe, expect, it } from 'vitest';
import { enrichedBatch } from './enrichment.ts';
import { failedItems } from './targets/lambda.ts';

describe("reading an enrichment's response", () => {
  it.each([
    ['null', null],
    ['an empty string', ''],
    ['an empty object', {}],
    ['an empty array', []],
  ])('reads %s as no events (the target is not called)', (_name, payload) => {
    expect(enrichedBatch(payload)).toEqual([]);
  });

  it('takes an array as the new batch, shorter or longer', () => {
    expect(enrichedBatch([{ a: 1 }, { a: 2 }, { a: 3 }])).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(enrichedBatch([{}])).toEqual([{}]);
  });

  it('takes any other value as one event', () => {
    expect(enrichedBatch({ a: 1 })).toEqual([{ a: 1 }]);
    expect(enrichedBatch('text')).toEqual(['text']);
  });
});

describe("reading a Lambda target's batchItemFailures", () => {
  it.each([
    ['a response without the field', { ok: true }],
    ['a string', 'done'],
    ['an array', [1]],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('reads %s as every event delivered', (_name, payload) => {
    expect(failedItems(payload)).toEqual([]);
  });

  it('names the failed items', () => {
    expect(failedItems({ batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }] })).toEqual(['m-2', 'm-3']);
  });

  it.each([
    ['a list that is not a list', { batchItemFailures: 'm-1' }],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a mis-keyed identifier', { batchItemFailures: [{ itemId: 'm-1' }] }],
  ])('fails the whole batch on %s', (_name, payload) => {
    expect(() => failedItems(payload)).toThrow();
  });
});
