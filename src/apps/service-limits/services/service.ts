import { getAccount } from '../accounts/service.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, UnrecognizedError } from '../../../platform/errors.ts';
import { limitDecision } from './limit.ts';
import type { CreateService, Service } from './schemas.ts';

/** How many services one bulk soft-delete updates at once (the reference's batch size). */
export const SOFT_DELETE_BATCH = 25;

/**
 * The reference's create flow: check the limit against max(best-effort, eventual), put the
 * service, then ADD +1 to the best-effort counter in a separate, non-transactional write.
 */
export async function createService(deps: Deps, input: CreateService): Promise<Service> {
  // Both reads at once: on the hot path of every create.
  const [account, count] = await Promise.all([getAccount(deps, input.account_id), deps.counts.get(input.account_id)]);
  if (!count) throw new UnrecognizedError('Eventual consistency counter not found', { context: { accountId: input.account_id } });
  const decision = limitDecision({ bestEffort: account.number_of_services, eventual: count.count_value, max: account.max_number_of_services });
  if (!decision.allowed) throw new ConflictError(decision.reason, { context: { accountId: account.id, max: account.max_number_of_services } });
  const service: Service = {
    id: deps.newId(),
    account_id: account.id,
    name: input.name,
    created_at: deps.now().toISOString(),
    deleted: false,
    create_counter_processed: false,
  };
  await deps.services.put(service);
  if (!(await deps.accounts.incrementServices(account.id))) {
    // The account was deleted between our read and the put: remove the orphan (its INSERT finds no counter to count into).
    await deps.services.delete(account.id, service.id);
    throw new NotFoundError('Account not found', { context: { accountId: account.id } });
  }
  return service;
}

export async function getService(deps: Deps, ownerAccountId: string, id: string): Promise<Service> {
  const service = await deps.services.get(ownerAccountId, id);
  if (!service || service.deleted) throw new NotFoundError('Service not found', { context: { ownerAccountId, serviceId: id } });
  return service;
}

export async function listServices(deps: Deps): Promise<Service[]> {
  return (await deps.services.list()).filter((service) => !service.deleted);
}

export async function listAccountServices(deps: Deps, accountId: string): Promise<Service[]> {
  await getAccount(deps, accountId);
  return (await deps.services.listByAccount(accountId)).filter((service) => !service.deleted);
}

export async function renameService(deps: Deps, ownerAccountId: string, id: string, name: string): Promise<Service> {
  const service = await deps.services.rename(ownerAccountId, id, name);
  if (!service) throw new NotFoundError('Service not found', { context: { ownerAccountId, serviceId: id } });
  return service;
}

/**
 * Soft-deletes (conditionally: only a live service), then decrements the best-effort counter (never
 * below 0); the modify consumer does the rest. Of concurrent deletes of one service only the one
 * whose soft delete won decrements; the others answer 404.
 */
export async function deleteService(deps: Deps, ownerAccountId: string, id: string): Promise<{ success: true }> {
  if (!(await deps.services.softDelete(ownerAccountId, id))) throw new NotFoundError('Service not found', { context: { ownerAccountId, serviceId: id } });
  await deps.accounts.decrementServices(ownerAccountId);
  return { success: true };
}

/**
 * Soft-deletes every live service of the account, a batch at a time, decrementing by what each batch
 * deleted. A failed soft delete still lets its batch decrement by those that succeeded (else the
 * best-effort counter would stay too high for good), then the first failure is rethrown.
 */
export async function deleteAccountServices(deps: Deps, accountId: string): Promise<{ deleted: number }> {
  await getAccount(deps, accountId);
  const live = (await deps.services.listByAccount(accountId)).filter((service) => !service.deleted);
  let deleted = 0;
  for (let start = 0; start < live.length; start += SOFT_DELETE_BATCH) {
    const batch = live.slice(start, start + SOFT_DELETE_BATCH);
    const results = await Promise.allSettled(batch.map((service) => deps.services.softDelete(accountId, service.id)));
    const done = results.filter((result) => result.status === 'fulfilled' && result.value).length;
    if (done > 0) await deps.accounts.decrementServices(accountId, done);
    deleted += done;
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return { deleted };
}
