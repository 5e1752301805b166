import type { OrderData } from '../../events.ts';
import { deallocate, isStillAllocated, readAllocation } from '../allocations.ts';
import type { InventoryDeps } from '../deps.ts';
import { ALLOCATION_STATUS } from '../keys.ts';

/**
 * DeallocateOrderCanceledWorker (decision 6): a cancelled order whose stock is still ALLOCATED
 * gets its units back (DEALLOCATED_ORDER_CANCELED). Anything else (no allocation, already
 * completed or deallocated) is a normal end: nothing is written. Retry rules as for a rejection.
 */
export async function deallocateOrderCanceled(deps: InventoryDeps, order: OrderData): Promise<void> {
  const { orderId, sku } = order;
  const allocation = await readAllocation(deps, sku, orderId);
  if (!isStillAllocated(allocation)) {
    deps.logger.info('cancelled order holds no stock, nothing to return', { orderId, sku, allocationStatus: allocation?.allocationStatus ?? 'absent' });
    return;
  }
  await deallocate(deps, allocation, ALLOCATION_STATUS.deallocatedCanceled);
}
