import { describe, expect, it } from 'vitest';
import { cancelledAllocationOutcome } from './allocateOrderStock.ts';

describe('cancelledAllocationOutcome', () => {
  it.each([
    [['ConditionalCheckFailed', undefined], 'duplicate'],
    [['ConditionalCheckFailed', 'ConditionalCheckFailed'], 'duplicate'],
    [[undefined, 'ConditionalCheckFailed'], 'depleted'],
    [['TransactionConflict', undefined], undefined],
    [[undefined, 'TransactionConflict'], undefined],
    [['ThrottlingError', 'ThrottlingError'], undefined],
    [[], undefined],
  ])('reasons %j → %s', (reasons, expected) => {
    expect(cancelledAllocationOutcome(reasons)).toBe(expected);
  });
});
