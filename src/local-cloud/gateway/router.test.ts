import { describe, expect, it } from 'vitest';
import { InvalidRouteError } from './errors.ts';
import { Router } from './router.ts';

const routes = (...keys: string[]) => new Router('test-api', keys.map((routeKey) => ({ routeKey, target: routeKey })));

describe('Router precedence (AWS HTTP API)', () => {
  // The example of AWS's "Routing API requests" section, plus ANY and $default.
  const router = routes('GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default');

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/pets/dog/1', 'ANY /{proxy+}'],
    ['GET', '/', '$default'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(router.match(method, path)?.routeKey).toBe(expected);
  });

  it('prefers the exact method over ANY on the same path', () => {
    const byMethod = routes('ANY /orders', 'POST /orders');

    expect(byMethod.match('POST', '/orders')?.routeKey).toBe('POST /orders');
    expect(byMethod.match('DELETE', '/orders')?.routeKey).toBe('ANY /orders');
  });

  it('prefers the more specific path over the exact method', () => {
    expect(routes('ANY /orders/latest', 'GET /orders/{id}').match('GET', '/orders/latest')?.routeKey).toBe('ANY /orders/latest');
  });

  it('prefers a literal segment further left', () => {
    const router = routes('GET /{a}/items/{b}', 'GET /shop/{x}/{y}');

    expect(router.match('GET', '/shop/items/1')?.routeKey).toBe('GET /shop/{x}/{y}');
  });

  it('returns undefined without a match and without $default', () => {
    const router = routes('GET /items');

    expect(router.match('GET', '/other')).toBeUndefined();
    expect(router.match('POST', '/items')).toBeUndefined();
    expect(router.match('GET', '/items/')).toBeUndefined();
  });
});

describe('Router path parameters', () => {
  it('decodes variables and greedy remainders', () => {
    const router = routes('GET /items/{id}', 'ANY /files/{proxy+}');

    expect(router.match('GET', '/items/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(router.match('PUT', '/files/docs/r%C3%A9sum%C3%A9.pdf')?.pathParameters).toEqual({ proxy: 'docs/résumé.pdf' });
  });

  it('gives no pathParameters to a route without variables', () => {
    expect(routes('GET /items').match('GET', '/items')).toEqual({ routeKey: 'GET /items', target: 'GET /items', pathParameters: undefined });
  });

  it('needs at least one segment for a greedy variable', () => {
    expect(routes('GET /files/{proxy+}').match('GET', '/files')).toBeUndefined();
  });
});

describe('Router validation', () => {
  it.each([
    ['GET', 'expected "METHOD /path"'],
    ['FETCH /x', 'unknown method FETCH'],
    ['GET /a//b', 'empty segment'],
    ['GET /a/{id', 'whole {variable}'],
    ['GET /a/x{id}', 'whole {variable}'],
    ['GET /{proxy+}/x', 'must be the last segment'],
    ['GET /{id}/{id}', 'appears twice'],
  ])('rejects %s', (routeKey, reason) => {
    expect(() => routes(routeKey)).toThrow(InvalidRouteError);
    expect(() => routes(routeKey)).toThrow(`HTTP API test-api: route "${routeKey}" is invalid: `);
    expect(() => routes(routeKey)).toThrow(reason);
  });

  it('rejects two routes that differ only in variable names', () => {
    expect(() => routes('GET /a/{x}', 'GET /a/{y}')).toThrow('duplicates another route');
  });
});
