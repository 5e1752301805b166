import { describe, expect, it } from 'vitest';
import { apiEvent } from '../../../../test/support/aws-events.ts';
import { httpApi } from '../../../platform/http.ts';
import { silentLogger } from '../../../platform/log.ts';
import type { Deps } from '../deps.ts';
import { API_ROUTES } from './route-keys.ts';
import { routes } from './routes.ts';

// Only routes that never touch a repository are called with these deps.
const handler = httpApi({ routes, deps: () => ({}) as Deps, logger: silentLogger });

describe('the service-limits API', () => {
  it('serves exactly the route keys the topology declares', () => {
    expect(Object.keys(routes).sort()).toEqual([...API_ROUTES].sort());
  });

  it('answers a route the gateway matched by its route key', async () => {
    expect(await handler(apiEvent({ method: 'GET', path: '/health', routeKey: 'GET /health' }))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('routes what reaches $default below a named stage and ignores a trailing slash', async () => {
    expect(await handler(apiEvent({ method: 'GET', path: '/health/', stage: 'prod' }))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('answers 404 for an unknown path and 405 with Allow for a known path', async () => {
    expect(await handler(apiEvent({ method: 'GET', path: '/nowhere' }))).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
    expect(await handler(apiEvent({ method: 'PATCH', path: '/health' }))).toMatchObject({ statusCode: 405, headers: { allow: 'GET' }, body: '{"message":"Method Not Allowed"}' });
    expect(await handler(apiEvent({ method: 'PATCH', path: '/accounts/' }))).toMatchObject({ statusCode: 405, headers: { allow: 'POST, GET' } });
  });

  it('names every invalid path parameter, query parameter and body field in one 400', async () => {
    const answer = await handler(apiEvent({ method: 'PUT', path: '/services/nope', routeKey: 'PUT /services/{id}', pathParameters: { id: 'nope' }, query: { ownerAccountId: 'bad' }, body: '{"name":""}' }));
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body as string).errors.map((e: { path: string }) => e.path)).toEqual(['id', 'ownerAccountId', 'name']);
  });

  it('serves the docs page as HTML', async () => {
    const answer = await handler(apiEvent({ method: 'GET', path: '/docs', routeKey: 'GET /docs' }));
    expect(answer).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(answer.body).toContain('<code>/accounts/{id}/services</code>');
  });
});
