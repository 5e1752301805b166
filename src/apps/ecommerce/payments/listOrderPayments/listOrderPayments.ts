import type { z } from 'zod';
import type { StoreDeps } from '../../shared/deps.ts';
import { listQuerySchema, queryIndexPage } from '../../shared/list-query.ts';
import { getPayment, PAYMENTS_INDEX_PK, toPayment, type OrderPayment } from '../payments.ts';

export const listOrderPaymentsSchema = listQuerySchema('orderId');
export type ListOrderPaymentsQuery = z.output<typeof listOrderPaymentsSchema>;

/** One order's payment by key, or a page of payments ordered by their (first write) createdAt. */
export async function listOrderPayments(deps: StoreDeps, query: ListOrderPaymentsQuery): Promise<{ orderPayments: OrderPayment[]; nextToken?: string }> {
  if (query.orderId !== undefined) {
    const payment = await getPayment(deps, query.orderId);
    return { orderPayments: payment ? [payment] : [] };
  }
  const page = await queryIndexPage(deps.client, deps.table, PAYMENTS_INDEX_PK, query);
  return { orderPayments: page.items.map(toPayment), ...(page.nextToken && { nextToken: page.nextToken }) };
}

