import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../platform/errors.ts';
import type { StoreDeps } from '../shared/deps.ts';
import { cancellationReasons } from '../shared/transactions.ts';
import { InvalidStockDeallocationError, StockConflictError } from './errors.ts';
import { ALLOCATION_STATUS, allocationKey, skuKey, type Allocation, type AllocationStatus } from './keys.ts';

type TransactUpdate = NonNullable<NonNullable<TransactWriteCommandInput['TransactItems']>[number]['Update']>;
export type DeallocatedStatus = typeof ALLOCATION_STATUS.deallocatedRejected | typeof ALLOCATION_STATUS.deallocatedCanceled;

/** The allocation of an order's stock, read strongly consistently (workers decide from it). */
export async function readAllocation(deps: StoreDeps, sku: string, orderId: string): Promise<Allocation | undefined> {
  try {
    const { Item } = await deps.client.send(new GetCommand({ TableName: deps.table, Key: allocationKey(sku, orderId), ConsistentRead: true }));
    return Item as Allocation | undefined;
  } catch (error) {
    throw new UnrecognizedError(`could not read the allocation of order ${orderId} (${sku})`, { cause: error, context: { sku, orderId } });
  }
}

/**
 * Moves an ALLOCATED allocation to `to`, conditioned on it still being the one that was read
 * (exists, same orderId/sku/units, still ALLOCATED). Usable alone or inside a transaction.
 */
export function settleAllocationUpdate(table: string, allocation: Allocation, to: AllocationStatus, now: string): TransactUpdate {
  const { orderId, sku, units } = allocation;
  return {
    TableName: table,
    Key: allocationKey(sku, orderId),
    UpdateExpression: 'SET allocationStatus = :to, updatedAt = :now',
    ConditionExpression: 'attribute_exists(pk) AND orderId = :orderId AND sku = :sku AND #units = :units AND allocationStatus = :allocated',
    ExpressionAttributeNames: { '#units': 'units' },
    ExpressionAttributeValues: { ':to': to, ':now': now, ':orderId': orderId, ':sku': sku, ':units': units, ':allocated': ALLOCATION_STATUS.allocated },
  };
}

/**
 * Returns an allocation's units to its SKU exactly once: the allocation leaves ALLOCATED and the
 * stock grows in one transaction. If the transaction is cancelled, the allocation is re-read: no
 * longer ALLOCATED → someone else settled it (permanent); still ALLOCATED → a lost race (transient).
 */
export async function deallocate(deps: StoreDeps, allocation: Allocation, to: DeallocatedStatus): Promise<void> {
  const now = deps.now();
  const { orderId, sku, units } = allocation;
  const context = { orderId, sku, units, to };
  try {
    await deps.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: settleAllocationUpdate(deps.table, allocation, to, now) },
          { Update: stockUpdate(deps.table, sku, units, now) },
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw new UnrecognizedError(`could not deallocate order ${orderId} (${sku})`, { cause: error, context });
    const current = await readAllocation(deps, sku, orderId);
    if (!isStillAllocated(current)) {
      throw new InvalidStockDeallocationError(`allocation of order ${orderId} was already settled (${current?.allocationStatus ?? 'absent'}): stock not returned again`, context, error);
    }
    throw new StockConflictError(`deallocation of order ${orderId} was cancelled (${reasons.map((r) => r ?? 'None').join(', ')}) while still ALLOCATED: retry`, { ...context, reasons }, error);
  }
}

/** Whether an allocation still holds its units (only then can it be completed or deallocated). */
export function isStillAllocated(allocation: Allocation | undefined): allocation is Allocation & { allocationStatus: typeof ALLOCATION_STATUS.allocated } {
  return allocation?.allocationStatus === ALLOCATION_STATUS.allocated;
}

/**
 * The transaction item that moves a SKU's stock by `change` units: the SKU must exist, and taking
 * units (a negative change) needs at least that many in stock, so stock never goes below 0.
 */
export function stockUpdate(table: string, sku: string, change: number, now: string) {
  const taking = change < 0;
  return {
    TableName: table,
    Key: skuKey(sku),
    UpdateExpression: `SET #units = #units ${taking ? '-' : '+'} :units, updatedAt = :now`,
    ConditionExpression: taking ? 'attribute_exists(pk) AND #units >= :units' : 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#units': 'units' },
    ExpressionAttributeValues: { ':units': Math.abs(change), ':now': now },
  };
}
