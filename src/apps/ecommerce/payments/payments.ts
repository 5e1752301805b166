import type { OrderData } from '../events.ts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnrecognizedError } from '../../../platform/errors.ts';
import type { StoreDeps } from '../shared/deps.ts';

/** The Payments context's one item per order (spec §1.3). */
export const paymentKey = (orderId: string) => ({ pk: `PAYMENTS#ORDER_ID#${orderId}`, sk: `ORDER_ID#${orderId}#ORDER_PAYMENT` });
export const PAYMENTS_INDEX_PK = 'PAYMENTS#ORDER_PAYMENT';

export const PAYMENT_STATUS = {
  accepted: 'PAYMENT_ACCEPTED',
  failed: 'PAYMENT_FAILED',
  rejected: 'PAYMENT_REJECTED',
} as const;
export type PaymentStatus = (typeof PAYMENT_STATUS)[keyof typeof PAYMENT_STATUS];

export interface OrderPayment extends Readonly<OrderData> {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly paymentId: string;
  readonly paymentStatus: PaymentStatus;
  readonly paymentRetries: number;
}

/** ACCEPTED and REJECTED are final; FAILED is the retry state. */
export const isFinal = (payment: OrderPayment) => payment.paymentStatus !== PAYMENT_STATUS.failed;

export async function getPayment(deps: StoreDeps, orderId: string): Promise<OrderPayment | undefined> {
  try {
    const { Item } = await deps.client.send(new GetCommand({ TableName: deps.table, Key: paymentKey(orderId), ConsistentRead: true }));
    return Item && toPayment(Item);
  } catch (error) {
    throw new UnrecognizedError(`could not read the payment of order ${orderId}`, { cause: error });
  }
}

/**
 * Writes a payment decided from `decidedFrom` (the stored record, or none) with one conditional
 * update that holds only if the stored record is still exactly that one, so two deliveries of one
 * attempt cannot both count a retry. Returns what is stored afterwards: the written record, or the
 * final record that won; a non-final change in between is transient (the message is redelivered
 * and decides again). `createdAt` (and its index key) is kept from the first write.
 */
export async function recordPayment(deps: StoreDeps, payment: OrderPayment, decidedFrom: OrderPayment | undefined): Promise<OrderPayment> {
  const { orderId, sku, units, price, userId, createdAt, updatedAt, paymentId, paymentStatus, paymentRetries } = payment;
  try {
    const { Attributes } = await deps.client.send(
      new UpdateCommand({
        TableName: deps.table,
        Key: paymentKey(orderId),
        UpdateExpression:
          'SET orderId = :orderId, sku = :sku, units = :units, price = :price, userId = :userId, paymentId = :paymentId, paymentStatus = :status, paymentRetries = :retries, ' +
          'createdAt = if_not_exists(createdAt, :createdAt), updatedAt = :updatedAt, #tn = :tn, #sn = :sn, gsi1pk = :gsi1pk, gsi1sk = if_not_exists(gsi1sk, :gsi1sk)',
        ConditionExpression: decidedFrom
          ? 'paymentStatus = :decidedStatus AND paymentRetries = :decidedRetries'
          : 'attribute_not_exists(paymentStatus)',
        ExpressionAttributeNames: { '#tn': '_tn', '#sn': '_sn' },
        ExpressionAttributeValues: {
          ':orderId': orderId, ':sku': sku, ':units': units, ':price': price, ':userId': userId, ':paymentId': paymentId,
          ':status': paymentStatus, ':retries': paymentRetries, ':createdAt': createdAt, ':updatedAt': updatedAt,
          ':tn': 'PAYMENTS#ORDER_PAYMENT', ':sn': 'PAYMENTS', ':gsi1pk': PAYMENTS_INDEX_PK, ':gsi1sk': `CREATED_AT#${createdAt}`,
          ...(decidedFrom && { ':decidedStatus': decidedFrom.paymentStatus, ':decidedRetries': decidedFrom.paymentRetries }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!Attributes) throw new Error('the update returned no attributes');
    return toPayment(Attributes);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw new UnrecognizedError(`could not record the payment of order ${orderId}`, { cause: error });
  }
  // Already final: the stored outcome stands.
  const stored = await getPayment(deps, orderId);
  if (!stored || !isFinal(stored)) throw new UnrecognizedError(`the payment of order ${orderId} changed while it was recorded`);
  return stored;
}

/** A stored item as a payment: exactly the API fields, in the order the API answers them. */
export function toPayment(item: Record<string, unknown>): OrderPayment {
  return {
    orderId: item.orderId as string,
    sku: item.sku as string,
    units: item.units as number,
    price: item.price as number,
    userId: item.userId as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    paymentId: item.paymentId as string,
    paymentStatus: item.paymentStatus as PaymentStatus,
    paymentRetries: item.paymentRetries as number,
  };
}
