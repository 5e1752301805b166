import type { OrderData } from '../../events.ts';
import type { z } from 'zod';
import type { StoreDeps } from '../../shared/deps.ts';
import { listQuerySchema, queryIndexPage } from '../../shared/list-query.ts';
import { getOrderItem } from '../orders.ts';

export const listOrdersSchema = listQuerySchema('orderId');

export interface OrderView extends Readonly<OrderData> {
  readonly orderStatus: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One order by id, or a page of orders ordered by creation time. */
export async function listOrders(deps: StoreDeps, query: z.output<typeof listOrdersSchema>): Promise<{ orders: OrderView[]; nextToken?: string }> {
  if (query.orderId !== undefined) {
    const item = await getOrderItem(deps, query.orderId);
    return { orders: item ? [toView(item)] : [] };
  }
  const page = await queryIndexPage(deps.client, deps.table, 'ORDERS#ORDER', query);
  return { orders: page.items.map(toView), ...(page.nextToken && { nextToken: page.nextToken }) };
}

function toView(item: Record<string, unknown>): OrderView {
  const { orderId, orderStatus, sku, units, price, userId, createdAt, updatedAt } = item;
  return { orderId, orderStatus, sku, units, price, userId, createdAt, updatedAt } as OrderView;
}
