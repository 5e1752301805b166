import { describe, expect, it } from 'vitest';
import { apiEvent } from '../../../test/support/aws-events.ts';
import { requestPath, routeTable } from './route-table.ts';

const find = routeTable({ 'POST /accounts': 'create', 'GET /accounts': 'list', 'DELETE /accounts/{id}/services': 'purge', 'GET /files/a.b': 'dotted' });

describe('routeTable', () => {
  it('takes the route the gateway matched, with its path parameters, without looking at the path', () => {
    const event = apiEvent({ method: 'DELETE', path: '/anything', routeKey: 'DELETE /accounts/{id}/services', pathParameters: { id: 'a-b' } });
    expect(find(event)).toEqual({ kind: 'found', key: 'DELETE /accounts/{id}/services', route: 'purge', pathParameters: { id: 'a-b' } });
  });

  it('matches a $default event by method and path, decoding path parameters', () => {
    expect(find(apiEvent({ method: 'DELETE', path: '/accounts/a%2Db/services' }))).toEqual({ kind: 'found', key: 'DELETE /accounts/{id}/services', route: 'purge', pathParameters: { id: 'a-b' } });
  });

  it('ignores a trailing slash and a named stage, as the reference k6 script sends `POST /accounts/`', () => {
    expect(find(apiEvent({ method: 'POST', path: '/accounts/', stage: 'prod' }))).toMatchObject({ kind: 'found', route: 'create' });
  });

  it('matches literal segments literally', () => {
    expect(find(apiEvent({ method: 'GET', path: '/files/a.b' }))).toMatchObject({ route: 'dotted' });
    expect(find(apiEvent({ method: 'GET', path: '/files/axb' }))).toEqual({ kind: 'not-found' });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(find(apiEvent({ method: 'GET', path: '/nowhere' }))).toEqual({ kind: 'not-found' });
    expect(find(apiEvent({ method: 'PATCH', path: '/accounts' }))).toEqual({ kind: 'method-not-allowed', allowed: ['POST', 'GET'] });
  });

  it('falls back to the path for a route key this function does not serve', () => {
    expect(find(apiEvent({ method: 'GET', path: '/accounts', routeKey: 'GET /elsewhere' }))).toMatchObject({ kind: 'found', route: 'list' });
  });
});

describe('requestPath', () => {
  it.each([
    ['/accounts', '$default', '/accounts'],
    ['/accounts/', '$default', '/accounts'],
    ['/', '$default', '/'],
    ['/prod/accounts', 'prod', '/accounts'],
    ['/prod', 'prod', '/'],
    ['/production/accounts', 'prod', '/production/accounts'],
  ])('%s at stage %s → %s', (rawPath, stage, path) => {
    expect(requestPath({ rawPath, requestContext: { stage, http: { method: 'GET' } } } as never)).toBe(path);
  });
});
