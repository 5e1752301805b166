import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiEvent, type ApiEventInput } from '../../test/support/aws-events.ts';
import { ConflictError, InvalidArgumentsError, NotFoundError } from './errors.ts';
import { httpApi, httpHandler, routeFor } from './http.ts';
import { createLogger, silentLogger } from './log.ts';

interface Deps {
  readonly items: Map<string, string>;
}
const defineRoute = routeFor<Deps>();
const routes = {
  'POST /items': defineRoute({
    body: z.object({ id: z.string().min(2), name: z.string() }),
    status: 201,
    handle: async ({ body }, deps) => {
      if (deps.items.has(body.id)) throw new ConflictError(`item ${body.id} exists`);
      deps.items.set(body.id, body.name);
      return { id: body.id };
    },
    headers: ({ id }) => ({ location: `/items/${id}` }),
  }),
  'GET /items/{id}': defineRoute({
    params: z.object({ id: z.string().min(2) }),
    query: z.object({ upper: z.enum(['yes', 'no']).optional() }),
    handle: async ({ params, query }, deps) => {
      const name = deps.items.get(params.id);
      if (name === undefined) throw new NotFoundError(`no item ${params.id}`);
      return { id: params.id, name: query.upper === 'yes' ? name.toUpperCase() : name };
    },
  }),
  'GET /page': defineRoute({ contentType: 'text/html', handle: async () => '<h1>hi</h1>' }),
  'GET /broken': defineRoute({ handle: async () => Promise.reject(new Error('bug')) }),
  'GET /refused': defineRoute({ handle: async () => Promise.reject(new InvalidArgumentsError('cursor from another list')) }),
};

const api = (options: Partial<Parameters<typeof httpApi<Deps>>[0]> = {}) => httpApi({ routes, deps: () => ({ items: new Map([['a1', 'apple']]) }), logger: silentLogger, ...options });
const call = async (handler: ReturnType<typeof api>, input: ApiEventInput) => {
  const { statusCode, headers, body } = await handler(apiEvent(input));
  return { statusCode, headers, body: body?.startsWith('<') ? body : JSON.parse(body ?? 'null') };
};

describe('httpApi', () => {
  it('runs the route the gateway matched and answers JSON with its status and headers', async () => {
    const answer = await call(api(), { method: 'POST', path: '/items', routeKey: 'POST /items', body: { id: 'b2', name: 'banana' } });
    expect(answer).toEqual({ statusCode: 201, headers: { 'content-type': 'application/json', location: '/items/b2' }, body: { id: 'b2' } });
  });

  it('validates path parameters and query from the gateway', async () => {
    const answer = await call(api(), { method: 'GET', path: '/items/a1', routeKey: 'GET /items/{id}', pathParameters: { id: 'a1' }, query: { upper: 'yes' } });
    expect(answer).toMatchObject({ statusCode: 200, body: { id: 'a1', name: 'APPLE' } });
  });

  it('names every failing field of path, query and body in one 400', async () => {
    const answer = await call(api(), { method: 'GET', path: '/items/x', routeKey: 'GET /items/{id}', pathParameters: { id: 'x' }, query: { upper: 'maybe' } });
    expect(answer).toMatchObject({ statusCode: 400, body: { message: 'Bad Request', errors: [{ path: 'id' }, { path: 'upper' }] } });
  });

  it.each([
    ['no body', undefined, 'a JSON object body is required'],
    ['a body that is not JSON', '{"id":', 'the body is not valid JSON'],
    ['a body that is not an object', '[1]', 'the body must be a JSON object'],
  ])('answers 400 for %s where a route needs one', async (_, body, message) => {
    expect(await call(api(), { method: 'POST', path: '/items', routeKey: 'POST /items', body })).toMatchObject({ statusCode: 400, body: { errors: [{ path: '', message }] } });
  });

  it('decodes a base64 body', async () => {
    const event = apiEvent({ method: 'POST', path: '/items', routeKey: 'POST /items', body: Buffer.from('{"id":"c3","name":"cherry"}').toString('base64') });
    expect(await api()({ ...event, isBase64Encoded: true })).toMatchObject({ statusCode: 201 });
  });

  it('turns NotFoundError into 404, ConflictError into 409, InvalidArgumentsError into 400 and anything else into a logged 500', async () => {
    const lines: string[] = [];
    const handler = api({ logger: createLogger({ write: (line) => lines.push(line) }) });

    expect(await call(handler, { method: 'GET', path: '/items/zz', routeKey: 'GET /items/{id}', pathParameters: { id: 'zz' } })).toMatchObject({ statusCode: 404, body: { message: 'no item zz' } });
    expect(await call(handler, { method: 'POST', path: '/items', routeKey: 'POST /items', body: { id: 'a1', name: 'x' } })).toMatchObject({ statusCode: 409, body: { message: 'item a1 exists' } });
    expect(await call(handler, { method: 'GET', path: '/refused', routeKey: 'GET /refused' })).toMatchObject({ statusCode: 400, body: { errors: [{ path: '', message: 'cursor from another list' }] } });
    expect(await call(handler, { method: 'GET', path: '/broken', routeKey: 'GET /broken' })).toMatchObject({ statusCode: 500, body: { message: 'Internal Server Error' } });
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'error', message: 'request failed', path: '/broken' })]);
  });

  it('routes a $default event (a direct Invoke) by method and path, with 404 and 405', async () => {
    expect(await call(api(), { method: 'GET', path: '/items/a1/' })).toMatchObject({ statusCode: 200, body: { name: 'apple' } });
    expect(await call(api(), { method: 'GET', path: '/nope' })).toMatchObject({ statusCode: 404, body: { message: 'Not Found' } });
    expect(await call(api(), { method: 'PUT', path: '/items' })).toMatchObject({ statusCode: 405, headers: { allow: 'POST' }, body: { message: 'Method Not Allowed' } });
  });

  it('answers a page as HTML', async () => {
    expect(await call(api(), { method: 'GET', path: '/page', routeKey: 'GET /page' })).toEqual({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<h1>hi</h1>' });
  });

  it('builds its deps once, on the first routed request', async () => {
    let built = 0;
    const handler = api({ deps: () => (built++, { items: new Map() }) });
    await call(handler, { method: 'GET', path: '/nope' });
    await call(handler, { method: 'GET', path: '/page', routeKey: 'GET /page' });
    await call(handler, { method: 'GET', path: '/page', routeKey: 'GET /page' });
    expect(built).toBe(1);
  });

  it('ignores a malformed body on a route that reads none, unless told to reject it', async () => {
    const request = { method: 'GET', path: '/page', routeKey: 'GET /page', body: '{oops' } as const;
    expect(await call(api(), request)).toMatchObject({ statusCode: 200 });
    expect(await call(api({ rejectMalformedBody: true }), request)).toMatchObject({ statusCode: 400, body: { errors: [{ path: '', message: 'the body is not valid JSON' }] } });
  });

  it('spells errors as the API documents them and adds its headers to every answer', async () => {
    const handler = api({
      errors: { invalid: (issues) => ({ problems: issues.map((issue) => issue.path) }), notFound: () => ({ gone: true }), noRoute: (method, path) => ({ what: `${method} ${path}` }) },
      headers: { 'access-control-allow-origin': '*' },
    });

    expect(await call(handler, { method: 'GET', path: '/items/x', routeKey: 'GET /items/{id}', pathParameters: { id: 'x' } })).toMatchObject({
      statusCode: 400,
      headers: { 'access-control-allow-origin': '*' },
      body: { problems: ['id'] },
    });
    expect(await call(handler, { method: 'GET', path: '/items/zz', routeKey: 'GET /items/{id}', pathParameters: { id: 'zz' } })).toMatchObject({ statusCode: 404, body: { gone: true } });
    expect(await call(handler, { method: 'GET', path: '/nope' })).toMatchObject({ statusCode: 404, headers: { 'access-control-allow-origin': '*' }, body: { what: 'GET /nope' } });
  });
});

describe('httpHandler', () => {
  it('runs its one route whatever the route key, with the same validation and errors', async () => {
    const handler = httpHandler({ body: z.object({ n: z.number().int() }), status: 202, handle: async ({ body }) => ({ twice: body.n * 2 }) }, { logger: silentLogger });

    expect(await call(handler, { method: 'POST', path: '/x', body: { n: 4 } })).toMatchObject({ statusCode: 202, body: { twice: 8 } });
    expect(await call(handler, { method: 'POST', path: '/x', body: { n: 1.5 } })).toMatchObject({ statusCode: 400, body: { errors: [{ path: 'n' }] } });
  });

  it('reads path parameters from the gateway', async () => {
    const handler = httpHandler({ params: z.object({ id: z.string().default('none') }), handle: async ({ params }) => params.id });
    expect(await call(handler, { method: 'GET', path: '/x/7', pathParameters: { id: '7' } })).toMatchObject({ body: '7' });
    expect(await call(handler, { method: 'GET', path: '/x' })).toMatchObject({ body: 'none' });
  });
});
