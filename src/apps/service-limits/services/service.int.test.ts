import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../accounts/service.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { createServiceLimitsStore } from '../../../../test/support/service-limits/store.ts';
import { createService, deleteAccountServices, deleteService } from './service.ts';

describe('the services layer on DynamoDB Local: the best-effort counter under races and failures', () => {
  let deps: Deps;
  beforeAll(async () => {
    ({ deps } = await createServiceLimitsStore('services'));
  });

  const bestEffort = async (accountId: string) => (await deps.accounts.get(accountId))?.number_of_services;

  it('two concurrent deletes of one service decrement the counter once; the loser answers 404', async () => {
    // Prepare: two services, so a double decrement shows (1 expected, 0 if both decremented)
    const account = await createAccount(deps, { username: 'double-delete' });
    const target = await createService(deps, { account_id: account.id, name: 'target' });
    await createService(deps, { account_id: account.id, name: 'other' });
    // Act
    const results = await Promise.allSettled([deleteService(deps, account.id, target.id), deleteService(deps, account.id, target.id)]);
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(NotFoundError);
    expect(await bestEffort(account.id)).toBe(1);
  });

  it('a bulk delete with one failing soft delete still decrements by those that succeeded, then rethrows the failure', async () => {
    // Prepare: three services; the soft delete of one of them fails (a domain-port fake over the real repository)
    const account = await createAccount(deps, { username: 'bulk-partial' });
    const services = await Promise.all(['a', 'b', 'c'].map((name) => createService(deps, { account_id: account.id, name })));
    const victim = services[1]!.id;
    const throttled = new Error('soft delete throttled');
    const failing: Deps = { ...deps, services: { ...deps.services, softDelete: (accountId, id) => (id === victim ? Promise.reject(throttled) : deps.services.softDelete(accountId, id)) } };
    // Act
    const bulk = deleteAccountServices(failing, account.id);
    // Assess
    await expect(bulk).rejects.toBe(throttled);
    expect(await bestEffort(account.id)).toBe(1);
    expect(await deps.services.get(account.id, victim)).toMatchObject({ deleted: false });
  });

  it('a create whose account is deleted before its increment removes the service it put and answers account not found', async () => {
    // Prepare: the account is deleted between the create's read and its put (a concurrent DELETE /accounts/{id})
    const account = await createAccount(deps, { username: 'deleted-meanwhile' });
    const racing: Deps = {
      ...deps,
      services: {
        ...deps.services,
        put: async (service) => {
          await deps.accounts.delete(account.id);
          await deps.services.put(service);
        },
      },
    };
    // Act
    const created = createService(racing, { account_id: account.id, name: 'orphan' });
    // Assess
    await expect(created).rejects.toSatisfy((error) => error instanceof NotFoundError && error.message === 'Account not found');
    expect(await deps.services.listByAccount(account.id)).toEqual([]);
    expect(await deps.accounts.get(account.id)).toBeUndefined();
  });
});
