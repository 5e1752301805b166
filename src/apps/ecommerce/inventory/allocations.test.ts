import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { isTransient, UnrecognizedError } from '../../../platform/errors.ts';
import { deallocate } from './allocations.ts';
import { InvalidStockDeallocationError, StockConflictError } from './errors.ts';
import { ALLOCATION_STATUS, type Allocation, type AllocationStatus } from './keys.ts';

const allocation: Allocation = {
  ...{ orderId: 'ORD001', sku: 'APPLES', units: 2, price: 1, userId: 'USER01' },
  ...{ allocationStatus: ALLOCATION_STATUS.allocated, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
};

/** A client whose transaction fails with `failure` and whose reads return the allocation in `statusOnReRead`. */
function failingClient(failure: Error, statusOnReRead: AllocationStatus | undefined) {
  const send = async (command: unknown) => {
    if (command instanceof GetCommand) return { Item: statusOnReRead && { ...allocation, allocationStatus: statusOnReRead } };
    throw failure;
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, table: 't', now: () => '2026-01-02T00:00:00.000Z' };
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ $metadata: {}, message: 'cancelled', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('deallocate when the transaction fails', () => {
  it('retries a TransactionConflict while the allocation is still ALLOCATED (decision 5)', async () => {
    const deps = failingClient(cancelled('TransactionConflict', 'None'), ALLOCATION_STATUS.allocated);
    const error = await deallocate(deps, allocation, ALLOCATION_STATUS.deallocatedRejected).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StockConflictError);
    expect(isTransient(error)).toBe(true);
  });

  it.each([ALLOCATION_STATUS.completed, ALLOCATION_STATUS.deallocatedRejected, ALLOCATION_STATUS.deallocatedCanceled, undefined])(
    'drops it when the allocation is already %s (stock returned at most once)',
    async (status) => {
      const deps = failingClient(cancelled('ConditionalCheckFailed', 'None'), status);
      const error = await deallocate(deps, allocation, ALLOCATION_STATUS.deallocatedCanceled).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidStockDeallocationError);
      expect(isTransient(error)).toBe(false);
    },
  );

  it('retries any failure that is not a cancellation', async () => {
    const deps = failingClient(new Error('socket hang up'), ALLOCATION_STATUS.allocated);
    const error = await deallocate(deps, allocation, ALLOCATION_STATUS.deallocatedRejected).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecognizedError);
    expect(isTransient(error)).toBe(true);
  });
});
