import { httpApi } from '../../../platform/http.ts';
import { createDeps } from '../deps.ts';
import { tableFromEnv } from '../table.ts';
import { routes } from './routes.ts';

/** The API function: every route of `routes.ts` (and `$default`, for trailing slashes). */
export const handler = httpApi({ routes, deps: () => createDeps(tableFromEnv()) });
