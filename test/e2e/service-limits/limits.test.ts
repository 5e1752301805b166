import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.ts';
import { anAccount, counters, startServiceLimits, waitForCounters, type ServiceLimitsClient, type ServiceLimitsCloud } from './harness.ts';

describe('service-limits e2e: the limit, soft deletes and the two counters', () => {
  let app: ServiceLimitsCloud;
  let api: ServiceLimitsClient;
  beforeAll(async () => {
    app = await startServiceLimits('sllimits');
    api = app.api;
  });
  afterAll(() => app?.stop());

  const createService = (accountId: string, name = 'svc') => api.request('POST', '/services', { account_id: accountId, name });
  const deleteService = (accountId: string, id: string) => api.request('DELETE', `/services/${id}?ownerAccountId=${accountId}`);

  it('answers 409 once the account reached its limit, and accepts again after a delete', async () => {
    // Prepare
    const account = await anAccount(api, 'limited', 2);
    const first = await createService(account.id, 'one');
    await createService(account.id, 'two');
    // Both counted first: otherwise the wait for 1/1 below could match "one counted, two not yet".
    await waitForCounters(api, account.id, { bestEffort: 2, eventual: 2 });
    // Act
    const refused = await createService(account.id, 'three');
    // Assess
    expect(refused).toMatchObject({ status: 409, body: { message: 'Maximum number of services reached for this account' } });
    await deleteService(account.id, first.body.id);
    await waitForCounters(api, account.id, { bestEffort: 1, eventual: 1 });
    expect((await createService(account.id, 'three')).status).toBe(201);
  });

  it('refuses on the eventual counter when the best-effort one under-counts', async () => {
    // Prepare: two services counted by the consumers, then the best-effort counter overwritten to 0
    const account = await anAccount(api, 'undercount', 2);
    await createService(account.id);
    await createService(account.id);
    await waitForCounters(api, account.id, { bestEffort: 2, eventual: 2 });
    expect(await api.request('PUT', `/accounts/${account.id}`, { number_of_services: 0 })).toMatchObject({ status: 200, body: { number_of_services: 0 } });
    // Act
    const refused = await createService(account.id);
    // Assess
    expect(refused.status).toBe(409);
  });

  it('a soft-deleted service disappears from reads at once, and from the table once counted out', async () => {
    // Prepare
    const account = await anAccount(api, 'softdelete');
    const service = await createService(account.id, 'gone');
    const path = `/services/${service.body.id}?ownerAccountId=${account.id}`;
    // Act
    await api.request('DELETE', path);
    // Assess
    expect((await api.request('GET', path)).status).toBe(404);
    expect((await api.request('PUT', path, { name: 'again' })).status).toBe(404);
    expect((await api.request('DELETE', path)).status).toBe(404);
    expect((await api.request('GET', `/accounts/${account.id}/services`)).body).toEqual([]);
    expect((await api.request('GET', '/services')).body.map((s: { id: string }) => s.id)).not.toContain(service.body.id);
    await waitForCounters(api, account.id, { bestEffort: 0, eventual: 0 });
  });

  it('DELETE /accounts/{id}/services soft-deletes them all; then the account can be deleted (409 before)', async () => {
    // Prepare
    const account = await anAccount(api, 'bulk');
    for (let i = 0; i < 30; i++) await createService(account.id, `bulk-${i}`);
    expect(await api.request('DELETE', `/accounts/${account.id}`)).toMatchObject({ status: 409, body: { message: expect.stringContaining('30 live services') } });
    // Act
    const bulk = await api.request('DELETE', `/accounts/${account.id}/services`);
    // Assess
    expect(bulk).toMatchObject({ status: 200, body: { deleted: 30 } });
    expect((await api.request('GET', `/accounts/${account.id}/services`)).body).toEqual([]);
    await waitForCounters(api, account.id, { bestEffort: 0, eventual: 0 });
    await waitFor(async () => (await api.request('DELETE', `/accounts/${account.id}`)).status === 200, { timeoutMs: 10_000, intervalMs: 100, description: 'account deleted' });
    expect((await api.request('GET', `/accounts/${account.id}`)).status).toBe(404);
    expect((await api.request('GET', `/counts/${account.id}`)).status).toBe(404);
  });

  it('both counters converge to 0 after a burst of concurrent creates and deletes', async () => {
    // Prepare
    const account = await anAccount(api, 'burst');
    // Act: 40 create-then-delete flows at once on the one hot partition
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const created = await createService(account.id, `burst-${i}`);
        const deleted = await deleteService(account.id, created.body.id);
        return [created.status, deleted.status];
      }),
    );
    // Assess
    expect(results.filter(([created, deleted]) => created !== 201 || deleted !== 200)).toEqual([]);
    await waitForCounters(api, account.id, { bestEffort: 0, eventual: 0 });
    expect(await counters(api, account.id)).toEqual({ bestEffort: 0, eventual: 0 });
    expect((await api.request('GET', `/accounts/${account.id}/services`)).body).toEqual([]);
  });
});
