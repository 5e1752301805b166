import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { InvokeResult } from '../lambda/runner/types.ts';
import { InvalidRouteError } from './errors.ts';
import { HttpGateway } from './gateway.ts';

const silent = { info: () => {}, warn: () => {} };
const ok = (payload: unknown): InvokeResult => ({ ok: true, payload, durationMs: 1, coldStart: false });

/** A gateway over a fake function port that records what it was asked to run. */
function gatewayWith(invoke: (name: string, event: APIGatewayProxyEventV2) => Promise<InvokeResult>, integrationTimeoutMs = 1000) {
  const calls: { name: string; event: APIGatewayProxyEventV2 }[] = [];
  const gateway = new HttpGateway({
    invoke: (name, event) => {
      calls.push({ name, event: event as APIGatewayProxyEventV2 });
      return invoke(name, event as APIGatewayProxyEventV2);
    },
    integrationTimeoutMs,
    logger: silent,
  });
  gateway.addApi({
    id: 'orders',
    routes: [
      { routeKey: 'POST /orders', functionName: 'placeOrder' },
      { routeKey: 'GET /orders/{id}', functionName: 'getOrder' },
    ],
    cors: { allowOrigins: ['https://shop.test'], allowMethods: ['GET', 'POST'] },
  });
  return { gateway, calls };
}

const request = (path: string, init: RequestInit = {}) => new Request(`http://localhost/apis/orders${path}`, init);

describe('HttpGateway', () => {
  it('routes to the function and maps its result', async () => {
    const { gateway, calls } = gatewayWith(async (_, event) => ok({ statusCode: 200, body: event.pathParameters?.id ?? '' }));

    const response = await gateway.handle('orders', request('/orders/o-1'), '/orders/o-1');

    expect(await response.text()).toBe('o-1');
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(calls).toMatchObject([{ name: 'getOrder', event: { routeKey: 'GET /orders/{id}', rawPath: '/orders/o-1' } }]);
  });

  it('answers 404 {"message":"Not Found"} for an unknown route or API', async () => {
    const { gateway, calls } = gatewayWith(async () => ok(null));

    const noRoute = await gateway.handle('orders', request('/nope'), '/nope');
    const noApi = await gateway.handle('payments', request('/orders'), '/orders');

    for (const response of [noRoute, noApi]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
    expect(calls).toHaveLength(0);
  });

  it('answers a preflight itself, without invoking', async () => {
    const { gateway, calls } = gatewayWith(async () => ok(null));
    const preflight = request('/orders', { method: 'OPTIONS', headers: { origin: 'https://shop.test', 'access-control-request-method': 'POST' } });

    const response = await gateway.handle('orders', preflight, '/orders');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(calls).toHaveLength(0);
  });

  it('adds CORS headers to error responses too', async () => {
    const { gateway } = gatewayWith(async () => ok(null));

    const response = await gateway.handle('orders', request('/nope', { headers: { origin: 'https://shop.test' } }), '/nope');

    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.test');
  });

  it.each([
    ['a function error', async () => ({ ok: false, error: { errorType: 'Error', errorMessage: 'boom' }, timedOut: false, durationMs: 1 }) as InvokeResult],
    ['a malformed response', async () => ok({ statusCode: 200, body: { not: 'a string' } })],
    ['an invocation that cannot run', async () => Promise.reject(new Error('TooManyRequestsException'))],
  ])('answers 500 {"message":"Internal Server Error"} for %s', async (_, invoke) => {
    const { gateway } = gatewayWith(invoke);

    const response = await gateway.handle('orders', request('/orders', { method: 'POST', body: '{}' }), '/orders');

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 503 {"message":"Service Unavailable"} past the integration timeout', async () => {
    const { gateway } = gatewayWith(() => new Promise((resolve) => setTimeout(() => resolve(ok(null)), 200)), 20);

    const response = await gateway.handle('orders', request('/orders', { method: 'POST' }), '/orders');

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('answers 413 for a body over 10 MB', async () => {
    const { gateway, calls } = gatewayWith(async () => ok(null));

    const response = await gateway.handle('orders', request('/orders', { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) }), '/orders');

    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('refuses an API with an invalid route, naming it', () => {
    const { gateway } = gatewayWith(async () => ok(null));

    expect(() => gateway.addApi({ id: 'broken', routes: [{ routeKey: 'GET /a/{proxy+}/b', functionName: 'f' }] })).toThrow(InvalidRouteError);
    expect(() => gateway.addApi({ id: 'broken', routes: [{ routeKey: 'GET /a/{proxy+}/b', functionName: 'f' }] })).toThrow('"GET /a/{proxy+}/b"');
  });
});

describe('HttpGateway: stages and payload format 1.0', () => {
  function legacyGateway() {
    const events: unknown[] = [];
    const gateway = new HttpGateway({
      invoke: async (_name, event) => {
        events.push(event);
        return ok({ statusCode: 201, body: 'made' });
      },
      logger: silent,
    });
    gateway.addApi({ id: 'rest', routes: [{ routeKey: 'POST /items/{id}', functionName: 'create', payloadFormatVersion: '1.0' }], stages: ['Prod'] });
    return { gateway, events };
  }

  it('routes a path under a named stage without it, and reports the stage', async () => {
    const { gateway, events } = legacyGateway();

    const response = await gateway.handle('rest', new Request('http://localhost/apis/rest/Prod/items/i-1?a=1&a=2', { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } }), '/Prod/items/i-1');

    expect(response.status).toBe(201);
    expect(events[0]).toMatchObject({
      version: '1.0',
      resource: '/items/{id}',
      path: '/Prod/items/i-1',
      httpMethod: 'POST',
      pathParameters: { id: 'i-1' },
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: { stage: 'Prod', resourcePath: '/items/{id}', httpMethod: 'POST' },
    });
  });

  it('routes the same path without the stage as well', async () => {
    const { gateway } = legacyGateway();

    const response = await gateway.handle('rest', new Request('http://localhost/apis/rest/items/i-2', { method: 'POST' }), '/items/i-2');

    expect(response.status).toBe(201);
  });
});
