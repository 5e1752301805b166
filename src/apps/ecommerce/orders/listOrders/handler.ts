import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { listOrders, listOrdersSchema } from './listOrders.ts';

const deps = storeDeps(tables.orders);

/** POST /api/v1/orders/listOrders → 200 `{orders, nextToken?}`. */
export const handler = httpHandler({ body: listOrdersSchema, status: 200, handle: ({ body }) => listOrders(deps, body) });
