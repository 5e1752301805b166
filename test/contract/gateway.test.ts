import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Hono, type Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpGateway } from '../../src/local-cloud/gateway/index.ts';
import { FunctionRunner } from '../../src/local-cloud/lambda/runner/index.ts';
import { listen, type RunningServer } from '../../src/local-cloud/protocol/server.ts';

// API Gateway HTTP API (payload 2.0) over real HTTP, with real handlers in the FunctionRunner.
const modulePath = fileURLToPath(new URL('../fixtures/functions/http.ts', import.meta.url));
const silent = { info: () => {}, warn: () => {} };
const runner = new FunctionRunner({ output: () => {}, logger: silent });
let server: RunningServer;

const url = (path: string) => `${server.url}/apis/shop${path}`;
const echo = async (path: string, init?: RequestInit) => (await (await fetch(url(path), init)).json()) as APIGatewayProxyEventV2;

beforeAll(async () => {
  for (const name of ['echo', 'text', 'response', 'slow', 'throw']) {
    runner.register({ name, modulePath, exportName: `${name}Handler`, environment: {}, timeoutSeconds: 5, memoryMb: 128 });
  }
  const gateway = new HttpGateway({ invoke: (name, event) => runner.invoke(name, event), integrationTimeoutMs: 500, logger: silent });
  gateway.addApi({
    id: 'shop',
    routes: [
      { routeKey: 'GET /items/{id}', functionName: 'echo' },
      { routeKey: 'ANY /files/{proxy+}', functionName: 'echo' },
      { routeKey: 'POST /orders', functionName: 'echo' },
      { routeKey: 'GET /text', functionName: 'text' },
      { routeKey: 'PUT /orders/{id}', functionName: 'response' },
      { routeKey: 'GET /slow', functionName: 'slow' },
      { routeKey: 'GET /fail', functionName: 'throw' },
    ],
    cors: { allowOrigins: ['https://shop.test'], allowMethods: ['GET', 'POST', 'PUT'], allowHeaders: ['content-type'], exposeHeaders: ['x-order-id'], maxAgeSeconds: 600 },
  });
  const app = new Hono();
  const forward = (c: Context) => {
    const apiId = c.req.param('apiId') ?? '';
    const path = new URL(c.req.url).pathname.slice(`/apis/${apiId}`.length) || '/';
    const sourceIp = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
    return gateway.handle(apiId, c.req.raw, path, sourceIp);
  };
  app.all('/apis/:apiId', forward);
  app.all('/apis/:apiId/*', forward);
  server = await listen(app);
  // Cold starts count against the short integration timeout below, as they do on AWS: warm up first.
  await Promise.all(['echo', 'text', 'response', 'throw'].map((name) => runner.invoke(name, {})));
});

afterAll(async () => {
  await server?.close();
  await runner.close();
});

describe('HTTP API gateway', () => {
  it('passes path parameters, query strings, headers and cookies in the event', async () => {
    const event = await echo('/items/a%20b?tag=x&tag=y&q=1', { headers: { 'X-Trace': 't-1', Cookie: 'session=abc; theme=dark' } });

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/a%20b',
      rawQueryString: 'tag=x&tag=y&q=1',
      pathParameters: { id: 'a b' },
      queryStringParameters: { tag: 'x,y', q: '1' },
      cookies: ['session=abc', 'theme=dark'],
      headers: { 'x-trace': 't-1' },
      isBase64Encoded: false,
      requestContext: { apiId: 'shop', stage: '$default', routeKey: 'GET /items/{id}', http: { method: 'GET', path: '/items/a%20b', sourceIp: '127.0.0.1' } },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('echoes the whole event of a greedy route with a JSON body', async () => {
    const event = await echo('/files/docs/2024/report.json', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

    expect(event).toMatchObject({ routeKey: 'ANY /files/{proxy+}', pathParameters: { proxy: 'docs/2024/report.json' }, body: '{"a":1}', isBase64Encoded: false });
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it('base64-encodes a binary body', async () => {
    const event = await echo('/orders', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 254, 255]) });

    expect(event).toMatchObject({ body: 'AAH+/w==', isBase64Encoded: true });
  });

  it('maps statusCode, headers and cookies of a structured response', async () => {
    const response = await fetch(url('/orders/o-7'), { method: 'PUT' });

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-order-id')).toBe('o-7');
    expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(await response.text()).toBe('created');
  });

  it('sends a returned string as the body, as application/json', async () => {
    const response = await fetch(url('/text'));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('hello, plain text');
  });

  it('sends a returned plain object as JSON', async () => {
    const response = await fetch(url('/items/1'));

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ pathParameters: { id: '1' } });
  });

  it('answers an OPTIONS preflight itself', async () => {
    const before = runner.stats('response').invocations;

    const response = await fetch(url('/orders/o-7'), { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'PUT' } });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(runner.stats('response').invocations).toBe(before);
  });

  it('replaces the function\'s CORS headers with the configured ones', async () => {
    const allowed = await fetch(url('/orders/o-7'), { method: 'PUT', headers: { origin: 'https://shop.test' } });
    const other = await fetch(url('/orders/o-7'), { method: 'PUT', headers: { origin: 'https://elsewhere.test' } });

    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-order-id');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 503 when the function outlasts the integration timeout', async () => {
    const startedAt = Date.now();

    const response = await fetch(url('/slow'));

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(Date.now() - startedAt).toBeLessThan(1500);
  });

  it('answers 500 when the function throws', async () => {
    const response = await fetch(url('/fail'));

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 404 for a request no route matches', async () => {
    const response = await fetch(url('/items'));

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });
});
