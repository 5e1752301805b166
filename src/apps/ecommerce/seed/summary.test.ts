import { describe, expect, it } from 'vitest';
import { summarize, type OrderView, type SummaryInput } from './summary.ts';

const restocks = [
  { sku: 'APPLES', units: 100, lotId: 'APP001' },
  { sku: 'APPLES', units: 50, lotId: 'APP002' },
  { sku: 'GRAPES', units: 30, lotId: 'GRA001' },
];
const order = (orderId: string, orderStatus: string, sku = 'APPLES', units = 10): OrderView => ({ orderId, orderStatus, sku, units });

/** A settled system: APPLES sold 10 + 20 of 150, a rejected and a depleted order, GRAPES untouched. */
function settled(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    restocks,
    expectedOrderIds: ['ORD001', 'ORD002', 'ORD003', 'ORD004'],
    orders: [
      order('ORD001', 'ORDER_STOCK_DEPLETED_STATUS', 'APPLES', 1_500_000),
      order('ORD002', 'ORDER_PAYMENT_ACCEPTED_STATUS', 'APPLES', 10),
      order('ORD003', 'ORDER_PAYMENT_REJECTED_STATUS', 'APPLES', 5),
      order('ORD004', 'ORDER_PAYMENT_ACCEPTED_STATUS', 'APPLES', 20),
    ],
    payments: [
      { orderId: 'ORD002', paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 0 },
      { orderId: 'ORD003', paymentStatus: 'PAYMENT_REJECTED', paymentRetries: 4 },
      { orderId: 'ORD004', paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 2 },
    ],
    skus: [
      { sku: 'APPLES', units: 120 },
      { sku: 'GRAPES', units: 30 },
    ],
    ...overrides,
  };
}

describe('summarize', () => {
  it('counts orders and payments and finds the invariant holding once everything settled', () => {
    const summary = summarize(settled());

    expect(summary).toMatchObject({ settled: 4, expected: 4, missing: [], unsettled: [], invariantHolds: true, ok: true });
    expect(summary.ordersByStatus).toEqual({ ORDER_STOCK_DEPLETED_STATUS: 1, ORDER_PAYMENT_ACCEPTED_STATUS: 2, ORDER_PAYMENT_REJECTED_STATUS: 1 });
    expect(summary.paymentsByStatus).toEqual({ PAYMENT_ACCEPTED: { 0: 1, 2: 1 }, PAYMENT_REJECTED: { 4: 1 } });
    expect(summary.stock).toEqual([
      { sku: 'APPLES', restocked: 150, sold: 30, remaining: 120, holds: true },
      { sku: 'GRAPES', restocked: 30, sold: 0, remaining: 30, holds: true },
    ]);
  });

  it('names orders never listed and orders not final yet, and is not ok', () => {
    const input = settled();
    const summary = summarize({ ...input, orders: [order('ORD001', 'ORDER_STOCK_DEPLETED_STATUS'), order('ORD002', 'ORDER_STOCK_ALLOCATED_STATUS'), order('ORD003', 'ORDER_CREATED_STATUS')] });

    expect(summary).toMatchObject({ settled: 1, missing: ['ORD004'], unsettled: ['ORD002', 'ORD003'], ok: false });
  });

  it('treats shipped, delivered and canceled orders as final', () => {
    const summary = summarize(
      settled({ expectedOrderIds: ['A001', 'A002', 'A003'], orders: [order('A001', 'ORDER_SHIPPED_STATUS'), order('A002', 'ORDER_DELIVERED_STATUS'), order('A003', 'ORDER_CANCELED_STATUS')] }),
    );

    expect(summary).toMatchObject({ settled: 3, unsettled: [] });
  });

  it('flags a SKU whose stock does not add up (a lost deallocation), and only that one', () => {
    const summary = summarize(settled({ skus: [{ sku: 'APPLES', units: 115 }, { sku: 'GRAPES', units: 30 }] }));

    expect(summary.stock.find((line) => line.sku === 'APPLES')).toEqual({ sku: 'APPLES', restocked: 150, sold: 30, remaining: 115, holds: false });
    expect(summary.stock.find((line) => line.sku === 'GRAPES')?.holds).toBe(true);
    expect(summary).toMatchObject({ invariantHolds: false, ok: false });
  });

  it('counts a restocked SKU the inventory does not list as 0 remaining', () => {
    const summary = summarize(settled({ skus: [{ sku: 'APPLES', units: 120 }] }));

    expect(summary.stock.find((line) => line.sku === 'GRAPES')).toEqual({ sku: 'GRAPES', restocked: 30, sold: 0, remaining: 0, holds: false });
  });
});
