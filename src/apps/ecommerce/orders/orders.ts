import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../platform/errors.ts';
import { itemBookkeeping } from '../../../platform/event-store.ts';
import type { OrderData } from '../events.ts';
import type { StoreDeps } from '../shared/deps.ts';
import { InvalidOrderItemError } from './errors.ts';
import { isOrderStatus, ORDER_STATUS, type OrderStatus } from './status.ts';

/** The consolidated order view the Orders context owns (spec §1.3). */
export interface Order extends OrderData {
  readonly orderStatus: OrderStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const orderKey = (orderId: string) => ({ pk: `ORDERS#ORDER_ID#${orderId}`, sk: `ORDER_ID#${orderId}` });

/** The stored order item as is (list APIs show it without judging it). */
export async function getOrderItem(deps: StoreDeps, orderId: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { Item } = await deps.client.send(new GetCommand({ TableName: deps.table, Key: orderKey(orderId), ConsistentRead: true }));
    return Item;
  } catch (error) {
    throw new UnrecognizedError(`could not read order ${orderId}`, { cause: error });
  }
}

export async function readOrder(deps: StoreDeps, orderId: string): Promise<Order | undefined> {
  const item = await getOrderItem(deps, orderId);
  return item && toOrder(item);
}

/**
 * Creates the order in ORDER_CREATED_STATUS unless it exists. A lost race is no error: the order
 * that won is returned (`created: false`), so callers always continue from the stored order.
 */
export async function createOrder(deps: StoreDeps, data: OrderData): Promise<{ order: Order; created: boolean }> {
  const now = deps.now();
  const { orderId, sku, units, price, userId } = data;
  const order: Order = { orderId, orderStatus: ORDER_STATUS.created, sku, units, price, userId, createdAt: now, updatedAt: now };
  try {
    await deps.client.send(
      new PutCommand({
        TableName: deps.table,
        Item: { ...orderKey(orderId), ...order, ...itemBookkeeping('ORDERS#ORDER', 'ORDERS', now) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { order, created: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw new UnrecognizedError(`could not create order ${orderId}`, { cause: error });
  }
  const existing = await readOrder(deps, orderId);
  if (!existing) throw new UnrecognizedError(`order ${orderId} vanished after a lost create race`);
  return { order: existing, created: false };
}

/**
 * Moves the order from `order.orderStatus` to `to`, only if the stored status is still the one the
 * caller decided from (optimistic concurrency, decision 5). `conflict` = someone changed it first.
 */
export async function updateOrderStatus(deps: StoreDeps, order: Order, to: OrderStatus): Promise<'updated' | 'conflict'> {
  try {
    await deps.client.send(
      new UpdateCommand({
        TableName: deps.table,
        Key: orderKey(order.orderId),
        UpdateExpression: 'SET orderStatus = :to, updatedAt = :now',
        ConditionExpression: 'orderStatus = :from',
        ExpressionAttributeValues: { ':to': to, ':from': order.orderStatus, ':now': deps.now() },
      }),
    );
    return 'updated';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'conflict';
    throw new UnrecognizedError(`could not update order ${order.orderId} to ${to}`, { cause: error });
  }
}

function toOrder(item: Record<string, unknown>): Order {
  const { orderId, orderStatus, sku, units, price, userId, createdAt, updatedAt } = item;
  if (!isOrderStatus(orderStatus)) throw new InvalidOrderItemError(String(orderId), orderStatus);
  return { orderId, orderStatus, sku, units, price, userId, createdAt, updatedAt } as Order;
}
