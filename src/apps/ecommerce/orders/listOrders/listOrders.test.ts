import { describe, expect, it } from 'vitest';
import { limitCases, sortDirectionCases } from '../../../../../test/support/ecommerce/list-query-cases.ts';
import { zodIssues } from '../../../../platform/validation.ts';
import { listOrdersSchema } from './listOrders.ts';

function issuePaths(body: unknown): string[] {
  const parsed = listOrdersSchema.safeParse(body);
  return parsed.success ? [] : zodIssues(parsed.error).map((issue) => issue.path);
}

describe('listOrdersSchema (spec §3.4)', () => {
  it('accepts an empty query', () => {
    expect(listOrdersSchema.parse({})).toEqual({});
  });

  it('accepts every field together', () => {
    const query = { orderId: 'ORD001', limit: 10, sortDirection: 'desc' };

    expect(listOrdersSchema.parse(query)).toEqual(query);
  });

  it.each([
    ['ABC', false],
    [' ABC ', false],
    ['ABCD', true],
  ])('orderId %j accepted: %s', (orderId, accepted) => {
    expect(issuePaths({ orderId })).toEqual(accepted ? [] : ['orderId']);
  });

  it('keeps " ABCD " untrimmed', () => {
    expect(listOrdersSchema.parse({ orderId: ' ABCD ' }).orderId).toBe(' ABCD ');
  });

  it.each(limitCases)('limit %j accepted: %s', (limit, accepted) => {
    expect(issuePaths({ limit })).toEqual(accepted ? [] : ['limit']);
  });

  it.each(sortDirectionCases)('sortDirection %j accepted: %s', (sortDirection, accepted) => {
    expect(issuePaths({ sortDirection })).toEqual(accepted ? [] : ['sortDirection']);
  });

  it('rejects a nextToken it did not issue', () => {
    expect(issuePaths({ nextToken: 'not-a-token' })).toEqual(['nextToken']);
  });
});
