import { createLogger } from '../../../platform/log.ts';
import { createDeps, type Deps } from '../deps.ts';
import { tableFromEnv } from '../table.ts';
import { apiHandler } from './adapter.ts';
import { routes } from './routes.ts';

let deps: Deps | undefined;

/** The API function: every route of `routes.ts` (and `$default`, for trailing slashes). */
export const handler = apiHandler(routes, () => (deps ??= createDeps(tableFromEnv())), createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } }));
