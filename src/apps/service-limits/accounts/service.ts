import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import type { Deps } from '../deps.ts';
import { DEFAULT_MAX_NUMBER_OF_SERVICES, type Account, type CreateAccount, type UpdateAccount } from './schemas.ts';

/** Creates the account with its eventual counter at 0 and the default limit. */
export async function createAccount(deps: Deps, input: CreateAccount): Promise<Account> {
  const account: Account = {
    id: deps.newId(),
    username: input.username,
    number_of_services: 0,
    max_number_of_services: DEFAULT_MAX_NUMBER_OF_SERVICES,
    created_at: deps.now().toISOString(),
  };
  await deps.accounts.create(account);
  return account;
}

export async function getAccount(deps: Deps, id: string): Promise<Account> {
  const account = await deps.accounts.get(id);
  if (!account) throw new NotFoundError('Account not found', { context: { accountId: id } });
  return account;
}

export function listAccounts(deps: Deps): Promise<Account[]> {
  return deps.accounts.list();
}

export async function updateAccount(deps: Deps, id: string, changes: UpdateAccount): Promise<Account> {
  const account = await deps.accounts.update(id, changes);
  if (!account) throw new NotFoundError('Account not found', { context: { accountId: id } });
  return account;
}

/**
 * Removes the account and its counter, refused (409) while it has services: live ones must be
 * deleted first, and soft-deleted ones must first be counted out by the stream consumer, which
 * otherwise would find no counter to decrement.
 */
export async function deleteAccount(deps: Deps, id: string): Promise<{ success: true }> {
  await getAccount(deps, id);
  const services = await deps.services.listByAccount(id);
  const live = services.filter((service) => !service.deleted).length;
  if (live > 0) throw new ConflictError(`Account still has ${live} live services; delete them first (DELETE /accounts/${id}/services)`, { context: { accountId: id, live } });
  if (services.length > 0) throw new ConflictError('Account has deleted services the counters have not processed yet; retry shortly', { context: { accountId: id, pending: services.length } });
  if (!(await deps.accounts.delete(id))) throw new NotFoundError('Account not found', { context: { accountId: id } });
  return { success: true };
}
