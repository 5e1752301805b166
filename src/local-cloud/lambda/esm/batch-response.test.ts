import { describe, expect, it } from 'vitest';
import { interpretBatchResponse } from './batch-response.ts';

const ids = new Set(['a', 'b', 'c']);

describe('interpretBatchResponse', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as every item succeeded', (_name, payload) => {
    expect(interpretBatchResponse(payload, ids)).toEqual({ kind: 'all-succeeded' });
  });

  it('reports the failed identifiers', () => {
    const verdict = interpretBatchResponse({ batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }] }, ids);
    expect(verdict).toEqual({ kind: 'partial', failedIds: ['b', 'c'] });
  });

  it.each([
    ['a string response', 'ok'],
    ['an array response', []],
    ['a non-list batchItemFailures', { batchItemFailures: 'b' }],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a mis-keyed identifier', { batchItemFailures: [{ itemId: 'a' }] }],
    ['an unknown identifier', { batchItemFailures: [{ itemIdentifier: 'zzz' }] }],
    ['a non-object item', { batchItemFailures: ['a'] }],
  ])('fails the whole batch on %s', (_name, payload) => {
    expect(interpretBatchResponse(payload, ids).kind).toBe('all-failed');
  });
});
