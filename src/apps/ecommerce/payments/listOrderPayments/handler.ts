import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { listOrderPayments, listOrderPaymentsSchema } from './listOrderPayments.ts';

const deps = storeDeps(tables.payments);

/** POST /api/v1/payments/listOrderPayments → 200 `{orderPayments, nextToken?}`. */
export const handler = httpHandler({ body: listOrderPaymentsSchema, status: 200, handle: ({ body }) => listOrderPayments(deps, body) });
