import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { listSkus, listSkusSchema } from './listSkus.ts';

const deps = storeDeps(tables.inventory);

/** POST /api/v1/inventory/listSkus → 200 `{skus, nextToken?}`. */
export const handler = httpHandler({ schema: listSkusSchema, successStatus: 200, handle: (query) => listSkus(deps, query) });
