import { z } from 'zod';
import { InvalidArgumentsError } from '../../platform/errors.ts';
import type { StoredEvent } from '../../platform/event-store.ts';
import { storableNumber, withinBytes } from '../../platform/limits.ts';
import { positiveInteger, trimmedString, zodIssues } from '../../platform/validation.ts';

/**
 * The events the four contexts exchange through the event store: names, keys and payloads. This is
 * the contract between contexts, so it lives in one place.
 */
export const ORDER_EVENT_NAMES = [
  'ORDER_PLACED_EVENT',
  'ORDER_CREATED_EVENT',
  'ORDER_STOCK_ALLOCATED_EVENT',
  'ORDER_STOCK_DEPLETED_EVENT',
  'ORDER_PAYMENT_ACCEPTED_EVENT',
  'ORDER_PAYMENT_REJECTED_EVENT',
  'ORDER_SHIPPED_EVENT',
  'ORDER_DELIVERED_EVENT',
  'ORDER_CANCELED_EVENT',
  // The README's spelling; treated exactly like ORDER_CANCELED_EVENT (decision 2).
  'ORDER_CANCELLED_EVENT',
] as const;
export type OrderEventName = (typeof ORDER_EVENT_NAMES)[number];

export const CANCELLATION_EVENT_NAMES = ['ORDER_CANCELED_EVENT', 'ORDER_CANCELLED_EVENT'] as const;

export const SKU_RESTOCKED_EVENT = 'SKU_RESTOCKED_EVENT';

/**
 * The most an id (`orderId`, `sku`, `lotId`, `userId`) may hold. The longest key holds two of them:
 * the allocation's sort key `SKU#<sku>#ORDER_ID#<orderId>#ORDER_ALLOCATION` (31 bytes besides), so
 * 2 × 256 + 31 stays well within DynamoDB's 1,024-byte sort key, and an event a few KB at most
 * within EventBridge's 256 KB entry.
 */
export const ID_MAX_BYTES = 256;

/** An id of the contract: at least 4 characters once trimmed (the reference's rule), at most ID_MAX_BYTES in UTF-8. */
export const idString = () => trimmedString(4).refine(...withinBytes(ID_MAX_BYTES));

export const orderDataSchema = z.object({
  orderId: idString(),
  sku: idString(),
  units: positiveInteger(),
  price: storableNumber().min(0),
  userId: idString(),
});
export type OrderData = z.infer<typeof orderDataSchema>;

export const restockDataSchema = z.object({
  sku: idString(),
  units: positiveInteger(),
  lotId: idString(),
});
export type RestockData = z.infer<typeof restockDataSchema>;

export type OrderEvent = StoredEvent<OrderEventName, OrderData>;
export type RestockEvent = StoredEvent<typeof SKU_RESTOCKED_EVENT, RestockData>;

export const orderEventKey = (orderId: string, eventName: string) => ({ pk: `EVENTS#ORDER_ID#${orderId}`, sk: `EVENT#${eventName}` });
export const restockEventKey = (sku: string, lotId: string) => ({ pk: `EVENTS#SKU#${sku}`, sk: `EVENT#SKU_RESTOCKED_EVENT#LOT_ID#${lotId}` });

/** Builds an order event with deterministic keys (so a second raise is a harmless duplicate). */
export function orderEvent(eventName: OrderEventName, data: OrderData, now: string): OrderEvent {
  const { orderId, sku, units, price, userId } = data;
  return { ...orderEventKey(orderId, eventName), eventName, eventData: { orderId, sku, units, price, userId }, createdAt: now, updatedAt: now };
}

const envelope = <Name extends string, Data extends z.ZodType>(names: readonly [Name, ...Name[]], data: Data) =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    eventName: z.enum(names),
    eventData: data,
    createdAt: trimmedString(4),
    updatedAt: trimmedString(4),
  });

/**
 * A parser for stored order events a worker accepts (every consumer validates the whole event;
 * a failure is permanent: the message is dropped).
 */
export function parseOrderEvent<Name extends OrderEventName>(names: readonly [Name, ...Name[]]) {
  const schema = envelope(names, orderDataSchema);
  return (item: Record<string, unknown>): StoredEvent<Name, OrderData> => parseWith(schema, item) as StoredEvent<Name, OrderData>;
}

export function parseRestockEvent(item: Record<string, unknown>): RestockEvent {
  return parseWith(envelope([SKU_RESTOCKED_EVENT], restockDataSchema), item) as RestockEvent;
}

function parseWith<T>(schema: z.ZodType<T>, item: Record<string, unknown>): T {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new InvalidArgumentsError(`invalid ${String(item.eventName)} event`, zodIssues(parsed.error));
  return parsed.data;
}
