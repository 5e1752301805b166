import { z } from 'zod';
import { accountRoutes } from '../accounts/routes.ts';
import { countRoutes } from '../counts/routes.ts';
import { serviceRoutes } from '../services/routes.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import { defineRoute, type Route } from './route.ts';

const INFO = { title: 'service-limits API', version: '1.0.0' };
const tag = 'system';
const entityRoutes: Route[] = [...accountRoutes, ...serviceRoutes, ...countRoutes];

const systemRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    tag,
    summary: 'Liveness',
    success: { status: 200, schema: z.object({ status: z.literal('ok') }), description: 'Up' },
    errors: [],
    handle: () => Promise.resolve({ status: 'ok' }),
  }),
  defineRoute({
    method: 'GET',
    path: '/openapi.json',
    tag,
    summary: 'This OpenAPI 3.1 document',
    success: { status: 200, description: 'The document' },
    errors: [],
    handle: () => Promise.resolve(document()),
  }),
  defineRoute({
    method: 'GET',
    path: '/docs',
    tag,
    summary: 'The API documentation as an HTML page',
    success: { status: 200, description: 'The page' },
    contentType: 'text/html',
    errors: [],
    handle: () => Promise.resolve(docsPage(document())),
  }),
];

/** Every route of the API, in the order the docs list them. */
export const routes: readonly Route[] = [...systemRoutes, ...entityRoutes];

let cached: ReturnType<typeof openApiDocument> | undefined;
function document() {
  cached ??= openApiDocument(routes, INFO);
  return cached;
}
