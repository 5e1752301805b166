import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { listSkus, listSkusSchema } from './listSkus.ts';

const deps = storeDeps(tables.inventory);

/** POST /api/v1/inventory/listSkus → 200 `{skus, nextToken?}`. */
export const handler = httpHandler({ body: listSkusSchema, status: 200, handle: ({ body }) => listSkus(deps, body) });
