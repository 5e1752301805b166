import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { placeOrder, placeOrderSchema } from './placeOrder.ts';

const deps = storeDeps(tables.eventStore);

/** POST /api/v1/orders/placeOrder → 202 echo. */
export const handler = httpHandler({ body: placeOrderSchema, status: 202, handle: ({ body }) => placeOrder(deps, body) });
