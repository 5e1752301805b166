import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './route-keys.ts';
import { createRouter } from './router.ts';
import { routes } from './routes.ts';

describe('the API router', () => {
  const match = createRouter(routes);

  it('serves exactly the route keys the topology declares', () => {
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([...API_ROUTES].sort());
  });

  it('ignores a trailing slash, as the reference k6 script sends one', () => {
    const result = match('POST', '/accounts/');
    expect(result.kind === 'matched' && result.match.route.path).toBe('/accounts');
  });

  it('extracts and decodes path parameters', () => {
    const result = match('DELETE', '/accounts/a%2Db/services');
    expect(result.kind === 'matched' && result.match).toMatchObject({ route: { path: '/accounts/{id}/services' }, params: { id: 'a-b' } });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(match('GET', '/nowhere')).toEqual({ kind: 'not-found' });
    expect(match('PATCH', '/accounts')).toEqual({ kind: 'method-not-allowed', allowed: ['POST', 'GET'] });
  });
});
