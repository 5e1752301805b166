import { describe, expect, it } from 'vitest';
import { formatSummary } from './report.ts';
import { summarize } from './summary.ts';

describe('formatSummary', () => {
  it('prints statuses, payments by retries, stock per SKU and the verdict on the invariant', () => {
    const summary = summarize({
      restocks: [{ sku: 'APPLES', units: 100, lotId: 'APP001' }],
      expectedOrderIds: ['ORD001', 'ORD002'],
      orders: [
        { orderId: 'ORD001', orderStatus: 'ORDER_PAYMENT_ACCEPTED_STATUS', sku: 'APPLES', units: 10 },
        { orderId: 'ORD002', orderStatus: 'ORDER_STOCK_ALLOCATED_STATUS', sku: 'APPLES', units: 5 },
      ],
      payments: [{ orderId: 'ORD001', paymentStatus: 'PAYMENT_ACCEPTED', paymentRetries: 1 }],
      skus: [{ sku: 'APPLES', units: 85 }],
    });

    const text = formatSummary(summary).join('\n');

    expect(text).toContain('orders: 1/2 settled');
    expect(text).toContain('not final:    ORD002');
    expect(text).toMatch(/PAYMENT_ACCEPTED\s+1\s+by paymentRetries 1: 1/);
    expect(text).toMatch(/APPLES\s+100\s+10\s+85\s+NO \(off by -5\)/);
    expect(text).toContain('does NOT hold for APPLES');
  });
});
