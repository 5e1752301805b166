import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAccount, startServiceLimits, type ServiceLimitsClient, type ServiceLimitsCloud } from './harness.ts';

describe('service-limits e2e: routes, status codes and validation', () => {
  let app: ServiceLimitsCloud;
  let api: ServiceLimitsClient;
  beforeAll(async () => {
    app = await startServiceLimits('slapi');
    api = app.api;
  });
  afterAll(() => app?.stop());

  const missing = randomUUID();
  const badRequest = (field: string) => ({ message: 'Bad Request', errors: expect.arrayContaining([{ path: field, message: expect.any(String) }]) });

  it('GET /health answers ok', async () => {
    expect(await api.request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document of every route, and a docs page from it', async () => {
    const { status, body } = await api.request('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/accounts', '/accounts/{id}', '/accounts/{id}/services', '/services', '/services/{id}', '/counts', '/counts/{accountId}', '/health']));
    expect(body.paths['/services'].post.responses).toHaveProperty('409');
    expect(body.components.schemas).toHaveProperty('Account');
    const docs = await api.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.body).toContain('/accounts/{id}/services');
  });

  it('accounts: create 201 (also with a trailing slash), read, list, update 200', async () => {
    const created = await api.request('POST', '/accounts/', { username: 'alice' });
    expect(created).toMatchObject({ status: 201, body: { username: 'alice', number_of_services: 0, max_number_of_services: 5000 } });
    const id = created.body.id;
    expect(await api.request('GET', `/accounts/${id}`)).toMatchObject({ status: 200, body: { id, username: 'alice' } });
    expect((await api.request('GET', '/accounts')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    expect(await api.request('PUT', `/accounts/${id}`, { username: 'alicia', max_number_of_services: 3 })).toMatchObject({ status: 200, body: { username: 'alicia', max_number_of_services: 3 } });
    expect(await api.request('GET', `/counts/${id}`)).toMatchObject({ status: 200, body: [{ account_id: id, count_type: 'SERVICES', count_value: 0 }] });
  });

  it('services: create 201, read, rename (PUT with ownerAccountId), list, delete 200', async () => {
    const account = await anAccount(api, 'bob');
    const created = await api.request('POST', '/services/', { account_id: account.id, name: 'web' });
    expect(created).toMatchObject({ status: 201, body: { account_id: account.id, name: 'web', deleted: false } });
    const path = `/services/${created.body.id}?ownerAccountId=${account.id}`;
    expect(await api.request('GET', path)).toMatchObject({ status: 200, body: { name: 'web' } });
    expect(await api.request('PUT', path, { name: 'www' })).toMatchObject({ status: 200, body: { name: 'www' } });
    expect((await api.request('GET', `/accounts/${account.id}/services`)).body).toEqual([expect.objectContaining({ id: created.body.id, name: 'www' })]);
    expect((await api.request('GET', '/services')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id })]));
    expect(await api.request('DELETE', path)).toMatchObject({ status: 200, body: { success: true } });
  });

  it.each([
    ['POST', '/accounts', { username: '' }, 'username'],
    ['POST', '/accounts', { username: 'x'.repeat(51) }, 'username'],
    ['POST', '/accounts', {}, 'username'],
    ['GET', '/accounts/not-a-uuid', undefined, 'id'],
    ['PUT', '/accounts/not-a-uuid', { username: 'ok' }, 'id'],
    ['PUT', `/accounts/${missing}`, { max_number_of_services: -1 }, 'max_number_of_services'],
    ['PUT', `/accounts/${missing}`, { number_of_services: 1.5 }, 'number_of_services'],
    ['PUT', `/accounts/${missing}`, {}, ''],
    ['DELETE', '/accounts/not-a-uuid', undefined, 'id'],
    ['GET', '/accounts/not-a-uuid/services', undefined, 'id'],
    ['DELETE', '/accounts/not-a-uuid/services', undefined, 'id'],
    ['POST', '/services', { account_id: 'nope', name: 'x' }, 'account_id'],
    ['POST', '/services', { account_id: missing, name: 'x'.repeat(101) }, 'name'],
    ['POST', '/services', { account_id: missing, name: '' }, 'name'],
    ['GET', `/services/not-a-uuid?ownerAccountId=${missing}`, undefined, 'id'],
    ['GET', `/services/${missing}`, undefined, 'ownerAccountId'],
    ['PUT', `/services/${missing}?ownerAccountId=${missing}`, { name: '' }, 'name'],
    ['PUT', `/services/${missing}?ownerAccountId=bad`, { name: 'ok' }, 'ownerAccountId'],
    ['DELETE', `/services/${missing}?ownerAccountId=bad`, undefined, 'ownerAccountId'],
    ['GET', '/counts/not-a-uuid', undefined, 'accountId'],
  ])('%s %s %j → 400 naming "%s"', async (method, path, body, field) => {
    const answer = await api.request(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(badRequest(field));
  });

  it.each([
    ['POST', '/accounts', '{"username":'],
    ['POST', '/services', '[]'],
    ['PUT', `/services/${missing}?ownerAccountId=${missing}`, undefined],
  ])('%s %s with body %s → 400 on the body', async (method, path, body) => {
    expect(await api.request(method, path, body)).toMatchObject({ status: 400, body: badRequest('') });
  });

  it.each([
    ['GET', `/accounts/${missing}`, undefined, 'Account not found'],
    ['PUT', `/accounts/${missing}`, { username: 'x' }, 'Account not found'],
    ['DELETE', `/accounts/${missing}`, undefined, 'Account not found'],
    ['GET', `/accounts/${missing}/services`, undefined, 'Account not found'],
    ['DELETE', `/accounts/${missing}/services`, undefined, 'Account not found'],
    ['POST', '/services', { account_id: missing, name: 'x' }, 'Account not found'],
    ['GET', `/services/${missing}?ownerAccountId=${missing}`, undefined, 'Service not found'],
    ['PUT', `/services/${missing}?ownerAccountId=${missing}`, { name: 'x' }, 'Service not found'],
    ['DELETE', `/services/${missing}?ownerAccountId=${missing}`, undefined, 'Service not found'],
    ['GET', `/counts/${missing}`, undefined, 'Count not found'],
    ['GET', '/nowhere', undefined, 'Not Found'],
  ])('%s %s → 404 %s', async (method, path, body, message) => {
    expect(await api.request(method, path, body)).toMatchObject({ status: 404, body: { message } });
  });
});
