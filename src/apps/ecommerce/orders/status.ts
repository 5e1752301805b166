import type { OrderEventName } from '../events.ts';

export const ORDER_STATUS = {
  created: 'ORDER_CREATED_STATUS',
  stockDepleted: 'ORDER_STOCK_DEPLETED_STATUS',
  stockAllocated: 'ORDER_STOCK_ALLOCATED_STATUS',
  paymentRejected: 'ORDER_PAYMENT_REJECTED_STATUS',
  paymentAccepted: 'ORDER_PAYMENT_ACCEPTED_STATUS',
  shipped: 'ORDER_SHIPPED_STATUS',
  delivered: 'ORDER_DELIVERED_STATUS',
  canceled: 'ORDER_CANCELED_STATUS',
} as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

const ORDER_STATUSES: readonly string[] = Object.values(ORDER_STATUS);
export const isOrderStatus = (value: unknown): value is OrderStatus => typeof value === 'string' && ORDER_STATUSES.includes(value);

export type IgnoreReason = 'stale' | 'redundant' | 'forbidden';
export type StatusDecision = { readonly kind: 'transition'; readonly to: OrderStatus } | { readonly kind: 'ignored'; readonly reason: IgnoreReason };

/** The table's columns: every order event, with both cancellation spellings in one column (decision 2). */
type Column = Exclude<OrderEventName, 'ORDER_CANCELLED_EVENT'>;
type Cell = OrderStatus | IgnoreReason;

const S = 'stale';
const R = 'redundant';
const F = 'forbidden';
const { created, stockDepleted, stockAllocated, paymentRejected, paymentAccepted, shipped, delivered, canceled } = ORDER_STATUS;

const COLUMNS = [
  'ORDER_PLACED_EVENT',
  'ORDER_CREATED_EVENT',
  'ORDER_STOCK_DEPLETED_EVENT',
  'ORDER_STOCK_ALLOCATED_EVENT',
  'ORDER_PAYMENT_REJECTED_EVENT',
  'ORDER_PAYMENT_ACCEPTED_EVENT',
  'ORDER_SHIPPED_EVENT',
  'ORDER_DELIVERED_EVENT',
  'ORDER_CANCELED_EVENT',
] as const satisfies readonly Column[];

type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// Spec §4.2, row = current status, columns in the order of COLUMNS. PLACED is never decided here
// in practice (SyncOrder handles it before), but the table stays total.
const TRANSITIONS: Record<OrderStatus, Row> = {
  [created]: [S, R, stockDepleted, stockAllocated, paymentRejected, paymentAccepted, shipped, delivered, canceled],
  [stockDepleted]: [S, S, R, F, F, F, F, F, canceled],
  [stockAllocated]: [S, S, F, R, paymentRejected, paymentAccepted, shipped, delivered, canceled],
  [paymentRejected]: [S, S, F, S, R, F, F, F, canceled],
  [paymentAccepted]: [S, S, F, S, F, R, shipped, delivered, canceled],
  [shipped]: [S, S, F, S, F, S, R, delivered, canceled],
  [delivered]: [S, S, F, S, F, S, S, R, canceled],
  [canceled]: [S, S, S, S, S, S, S, S, R],
};

/**
 * What an order event does to an order in `current` status: a transition, or a reason to ignore it.
 *
 * @example
 * decide('ORDER_STOCK_ALLOCATED_STATUS', 'ORDER_PAYMENT_ACCEPTED_EVENT') // { kind: 'transition', to: 'ORDER_PAYMENT_ACCEPTED_STATUS' }
 */
export function decide(current: OrderStatus, eventName: OrderEventName): StatusDecision {
  const column: Column = eventName === 'ORDER_CANCELLED_EVENT' ? 'ORDER_CANCELED_EVENT' : eventName;
  const cell = TRANSITIONS[current][COLUMNS.indexOf(column)];
  if (cell === undefined) throw new Error(`no transition column for ${eventName}`);
  return cell === S || cell === R || cell === F ? { kind: 'ignored', reason: cell } : { kind: 'transition', to: cell };
}
