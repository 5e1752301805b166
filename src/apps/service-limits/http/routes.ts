import { z } from 'zod';
import { accountRoutes } from '../accounts/routes.ts';
import { countRoutes } from '../counts/routes.ts';
import { serviceRoutes } from '../services/routes.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import type { ApiRouteKey } from './route-keys.ts';
import { defineRoute, type ApiRoute } from './route.ts';

const INFO = { title: 'service-limits API', version: '1.0.0' };
const tag = 'system';

const systemRoutes = {
  'GET /health': defineRoute({
    tag,
    summary: 'Liveness',
    response: { schema: z.object({ status: z.literal('ok') }), description: 'Up' },
    errors: [],
    handle: () => Promise.resolve({ status: 'ok' }),
  }),
  'GET /openapi.json': defineRoute({
    tag,
    summary: 'This OpenAPI 3.1 document',
    response: { description: 'The document' },
    errors: [],
    handle: () => Promise.resolve(document()),
  }),
  'GET /docs': defineRoute({
    tag,
    summary: 'The API documentation as an HTML page',
    response: { description: 'The page' },
    contentType: 'text/html',
    errors: [],
    handle: () => Promise.resolve(docsPage(document())),
  }),
};

/** Every route of the API by its route key (exactly the keys the topology declares), in the order the docs list them. */
export const routes: Readonly<Record<ApiRouteKey, ApiRoute>> = { ...systemRoutes, ...accountRoutes, ...serviceRoutes, ...countRoutes };

let cached: ReturnType<typeof openApiDocument> | undefined;
function document() {
  cached ??= openApiDocument(routes, INFO);
  return cached;
}
