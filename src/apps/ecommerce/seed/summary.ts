import type { SeedRestock } from './data.ts';

/** The order statuses after which nothing happens without an outside event (spec §4.2). */
export const FINAL_ORDER_STATUSES: readonly string[] = [
  'ORDER_STOCK_DEPLETED_STATUS',
  'ORDER_PAYMENT_ACCEPTED_STATUS',
  'ORDER_PAYMENT_REJECTED_STATUS',
  'ORDER_SHIPPED_STATUS',
  'ORDER_DELIVERED_STATUS',
  'ORDER_CANCELED_STATUS',
];

/** The fields of the list APIs' items (spec §3) the summary reads. */
export interface OrderView {
  readonly orderId: string;
  readonly orderStatus: string;
  readonly sku: string;
  readonly units: number;
}
export interface PaymentView {
  readonly orderId: string;
  readonly paymentStatus: string;
  readonly paymentRetries: number;
}
export interface SkuView {
  readonly sku: string;
  readonly units: number;
}

export interface SystemSnapshot {
  readonly orders: readonly OrderView[];
  readonly payments: readonly PaymentView[];
  readonly skus: readonly SkuView[];
}

export interface SummaryInput extends SystemSnapshot {
  /** The restocks sent: the only source of stock the invariant knows of. */
  readonly restocks: readonly SeedRestock[];
  /** The orders that must exist and be final for the system to count as settled. */
  readonly expectedOrderIds: readonly string[];
}

export interface StockLine {
  readonly sku: string;
  readonly restocked: number;
  /** Units of the SKU's orders in ORDER_PAYMENT_ACCEPTED_STATUS. */
  readonly sold: number;
  readonly remaining: number;
  /** Spec §4.7: `remaining + sold = restocked`. */
  readonly holds: boolean;
}

export interface SeedSummary {
  /** Expected orders that exist and are in a final status. */
  readonly settled: number;
  readonly expected: number;
  /** Expected orders not listed yet, and listed ones not final yet. */
  readonly missing: readonly string[];
  readonly unsettled: readonly string[];
  /** Every listed order (not only the expected ones) counted by status. */
  readonly ordersByStatus: Readonly<Record<string, number>>;
  /** Payments by status, then by `paymentRetries`. */
  readonly paymentsByStatus: Readonly<Record<string, Readonly<Record<number, number>>>>;
  readonly stock: readonly StockLine[];
  readonly invariantHolds: boolean;
  /** Every expected order settled and the invariant holds for every SKU. */
  readonly ok: boolean;
}

export const isFinalStatus = (status: string): boolean => FINAL_ORDER_STATUSES.includes(status);

/** Summarizes what the list APIs report once the seed's orders have run through the saga. */
export function summarize(input: SummaryInput): SeedSummary {
  const byId = new Map(input.orders.map((order) => [order.orderId, order]));
  const missing = input.expectedOrderIds.filter((id) => !byId.has(id));
  const unsettled = input.expectedOrderIds.filter((id) => {
    const order = byId.get(id);
    return order !== undefined && !isFinalStatus(order.orderStatus);
  });
  const settled = input.expectedOrderIds.length - missing.length - unsettled.length;

  const ordersByStatus: Record<string, number> = {};
  for (const order of input.orders) ordersByStatus[order.orderStatus] = (ordersByStatus[order.orderStatus] ?? 0) + 1;

  const paymentsByStatus: Record<string, Record<number, number>> = {};
  for (const payment of input.payments) {
    const retries = (paymentsByStatus[payment.paymentStatus] ??= {});
    retries[payment.paymentRetries] = (retries[payment.paymentRetries] ?? 0) + 1;
  }

  const stock = stockLines(input);
  const invariantHolds = stock.every((line) => line.holds);
  return { settled, expected: input.expectedOrderIds.length, missing, unsettled, ordersByStatus, paymentsByStatus, stock, invariantHolds, ok: invariantHolds && settled === input.expectedOrderIds.length };
}

function stockLines(input: SummaryInput): StockLine[] {
  const restocked = new Map<string, number>();
  for (const restock of input.restocks) restocked.set(restock.sku, (restocked.get(restock.sku) ?? 0) + restock.units);
  const sold = new Map<string, number>();
  for (const order of input.orders) {
    if (order.orderStatus === 'ORDER_PAYMENT_ACCEPTED_STATUS') sold.set(order.sku, (sold.get(order.sku) ?? 0) + order.units);
  }
  const remaining = new Map(input.skus.map((sku) => [sku.sku, sku.units]));
  const skus = [...new Set([...restocked.keys(), ...remaining.keys()])].sort();
  return skus.map((sku) => {
    const line = { sku, restocked: restocked.get(sku) ?? 0, sold: sold.get(sku) ?? 0, remaining: remaining.get(sku) ?? 0 };
    return { ...line, holds: line.remaining + line.sold === line.restocked };
  });
}
