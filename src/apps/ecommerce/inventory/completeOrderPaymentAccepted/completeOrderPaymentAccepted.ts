import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../../platform/errors.ts';
import type { OrderData } from '../../events.ts';
import { isStillAllocated, readAllocation, settleAllocationUpdate } from '../allocations.ts';
import type { InventoryDeps } from '../deps.ts';
import { InvalidAllocationStateError, InvalidStockCompletionError } from '../errors.ts';
import { ALLOCATION_STATUS } from '../keys.ts';

/**
 * CompleteOrderPaymentAcceptedWorker (§4.5): a paid order's allocation becomes
 * COMPLETED_PAYMENT_ACCEPTED. The stock is untouched (it left at allocation). No allocation →
 * nothing to do; an allocation already settled → permanent failure (the message is dropped).
 */
export async function completeOrderPaymentAccepted(deps: InventoryDeps, order: OrderData): Promise<void> {
  const { orderId, sku } = order;
  const allocation = await readAllocation(deps, sku, orderId);
  if (!allocation) {
    deps.logger.info('no allocation for the paid order, nothing to complete', { orderId, sku });
    return;
  }
  const context = { orderId, sku, allocationStatus: allocation.allocationStatus };
  if (!isStillAllocated(allocation)) {
    // Already completed: a redelivery of the same payment, nothing wrong.
    const expected = allocation.allocationStatus === ALLOCATION_STATUS.completed;
    throw new InvalidAllocationStateError(`cannot complete order ${orderId}: its allocation is ${allocation.allocationStatus}, not ALLOCATED`, context, { expected });
  }
  try {
    await deps.client.send(new UpdateCommand(settleAllocationUpdate(deps.table, allocation, ALLOCATION_STATUS.completed, deps.now())));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new InvalidStockCompletionError(`cannot complete order ${orderId}: its allocation changed since it was read`, context, error);
    }
    throw new UnrecognizedError(`could not complete the allocation of order ${orderId}`, { cause: error, context });
  }
}
