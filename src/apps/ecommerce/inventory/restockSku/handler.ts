import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { restockSku, restockSkuSchema } from './restockSku.ts';

const deps = storeDeps(tables.eventStore);

/** POST /api/v1/inventory/restockSku → 202 echo. */
export const handler = httpHandler({ body: restockSkuSchema, status: 202, handle: ({ body }) => restockSku(deps, body) });
