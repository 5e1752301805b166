import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../../platform/errors.ts';
import { eventExists, itemBookkeeping, publishEvent } from '../../../../platform/event-store.ts';
import { CANCELLATION_EVENT_NAMES, orderEvent, orderEventKey, type OrderData } from '../../events.ts';
import { cancellationReasons } from '../../shared/transactions.ts';
import { readAllocation, stockUpdate } from '../allocations.ts';
import type { InventoryDeps } from '../deps.ts';
import { StockConflictError } from '../errors.ts';
import { ALLOCATION_STATUS, allocationKey } from '../keys.ts';

export type AllocationOutcome = 'allocated' | 'duplicate' | 'depleted' | 'cancelled';

/**
 * What a cancelled allocation transaction means, from its reasons (index 0 = allocation put,
 * 1 = stock update): the allocation already exists (checked first), the stock is short or the SKU
 * was never restocked, or nothing decisive (undefined: a conflict or a throttle, retry).
 */
export function cancelledAllocationOutcome(reasons: readonly (string | undefined)[]): 'duplicate' | 'depleted' | undefined {
  if (reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
  if (reasons[1] === 'ConditionalCheckFailed') return 'depleted';
  return undefined;
}

/**
 * AllocateOrderStockWorker (§4.3): reserves the order's units once per (sku, orderId), then
 * publishes ORDER_STOCK_ALLOCATED_EVENT, or ORDER_STOCK_DEPLETED_EVENT when the stock is short.
 * An existing allocation (any status) is never re-allocated: its event is just published again.
 */
export async function allocateOrderStock(deps: InventoryDeps, order: OrderData): Promise<AllocationOutcome> {
  const existing = await readAllocation(deps, order.sku, order.orderId);
  if (!existing && (await wasCancelled(deps, order.orderId))) {
    // Decision 6: stock is never reserved for an order cancelled before its allocation.
    deps.logger.info('the order was cancelled before its stock was allocated; nothing allocated', { orderId: order.orderId, sku: order.sku });
    return 'cancelled';
  }
  const outcome = existing ? 'duplicate' : await allocate(deps, order);
  const eventName = outcome === 'depleted' ? 'ORDER_STOCK_DEPLETED_EVENT' : 'ORDER_STOCK_ALLOCATED_EVENT';
  const published = await publishEvent(deps.client, deps.eventStoreTable, orderEvent(eventName, order, deps.now()));
  if (published === 'duplicate') deps.logger.info(`${eventName} was already published`, { orderId: order.orderId, sku: order.sku });
  return outcome;
}

async function wasCancelled(deps: InventoryDeps, orderId: string): Promise<boolean> {
  const found = await Promise.all(CANCELLATION_EVENT_NAMES.map((name) => eventExists(deps.client, deps.eventStoreTable, orderEventKey(orderId, name))));
  return found.includes(true);
}

async function allocate(deps: InventoryDeps, order: OrderData): Promise<AllocationOutcome> {
  const now = deps.now();
  const { orderId, sku, units, price, userId } = order;
  try {
    await deps.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table,
              Item: {
                ...allocationKey(sku, orderId),
                ...{ orderId, sku, units, price, userId, allocationStatus: ALLOCATION_STATUS.allocated, createdAt: now, updatedAt: now },
                ...itemBookkeeping('INVENTORY#ORDER_ALLOCATION', 'INVENTORY', now),
              },
              ConditionExpression: 'attribute_not_exists(pk) AND attribute_not_exists(sk)',
            },
          },
          { Update: stockUpdate(deps.table, sku, -units, now) },
        ],
      }),
    );
    return 'allocated';
  } catch (error) {
    const reasons = cancellationReasons(error);
    const context = { orderId, sku, units };
    if (!reasons) throw new UnrecognizedError(`could not allocate ${units} ${sku} to order ${orderId}`, { cause: error, context });
    const outcome = cancelledAllocationOutcome(reasons);
    if (!outcome) throw new StockConflictError(`allocation of order ${orderId} was cancelled (${reasons.map((r) => r ?? 'None').join(', ')}): retry`, { ...context, reasons }, error);
    return outcome;
  }
}
