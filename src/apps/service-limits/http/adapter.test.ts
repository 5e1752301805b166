import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/log.ts';
import type { Deps } from '../deps.ts';
import { apiHandler } from './adapter.ts';
import { routes } from './routes.ts';

// Only routes that never touch a repository are called with these deps.
const handler = apiHandler(routes, () => ({}) as Deps, silentLogger);
const event = (method: string, rawPath: string, options: { stage?: string; body?: string; query?: Record<string, string> } = {}) =>
  ({ rawPath, requestContext: { http: { method }, stage: options.stage ?? '$default' }, body: options.body, queryStringParameters: options.query }) as unknown as APIGatewayProxyEventV2;

describe('apiHandler', () => {
  it('routes below a named stage and ignores a trailing slash', async () => {
    expect(await handler(event('GET', '/prod/health/', { stage: 'prod' }))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('answers 404 for an unknown path and 405 with Allow for a known path', async () => {
    expect(await handler(event('GET', '/nowhere'))).toMatchObject({ statusCode: 404 });
    expect(await handler(event('PATCH', '/health'))).toMatchObject({ statusCode: 405, headers: { allow: 'GET' } });
  });

  it('names every invalid path parameter, query parameter and body field in one 400', async () => {
    const answer = await handler(event('PUT', '/services/nope', { query: { ownerAccountId: 'bad' }, body: '{"name":""}' }));
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body as string).errors.map((e: { path: string }) => e.path)).toEqual(['id', 'ownerAccountId', 'name']);
  });

  it('serves the docs page as HTML', async () => {
    const answer = await handler(event('GET', '/docs'));
    expect(answer).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(answer.body).toContain('<code>/accounts/{id}/services</code>');
  });
});
