import type { OrderData } from '../../events.ts';
import { deallocate, isStillAllocated, readAllocation } from '../allocations.ts';
import type { InventoryDeps } from '../deps.ts';
import { InvalidAllocationStateError } from '../errors.ts';
import { ALLOCATION_STATUS } from '../keys.ts';

/**
 * DeallocateOrderPaymentRejectedWorker (§4.6, decision 5): a rejected order's units go back to
 * stock exactly once. No allocation → nothing to do; an allocation already settled → permanent
 * failure; a lost transaction race → transient (retried, never dropped).
 */
export async function deallocateOrderPaymentRejected(deps: InventoryDeps, order: OrderData): Promise<void> {
  const { orderId, sku } = order;
  const allocation = await readAllocation(deps, sku, orderId);
  if (!allocation) {
    deps.logger.info('no allocation for the rejected order, nothing to return', { orderId, sku });
    return;
  }
  if (!isStillAllocated(allocation)) {
    // The units are already back (a redelivery, or a cancellation that got there first): nothing wrong.
    const expected = allocation.allocationStatus === ALLOCATION_STATUS.deallocatedRejected || allocation.allocationStatus === ALLOCATION_STATUS.deallocatedCanceled;
    throw new InvalidAllocationStateError(
      `cannot deallocate order ${orderId}: its allocation is ${allocation.allocationStatus}, not ALLOCATED`,
      { orderId, sku, allocationStatus: allocation.allocationStatus },
      { expected },
    );
  }
  await deallocate(deps, allocation, ALLOCATION_STATUS.deallocatedRejected);
}
