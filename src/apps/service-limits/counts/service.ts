import type { Deps } from '../deps.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { Count } from './schemas.ts';

/** The account's counters (only `SERVICES` exists); 404 when it has none, i.e. no such account. */
export async function listAccountCounts(deps: Deps, accountId: string): Promise<Count[]> {
  const counts = await deps.counts.listByAccount(accountId);
  if (counts.length === 0) throw new NotFoundError('Count not found', { context: { accountId } });
  return counts;
}

export function listCounts(deps: Deps): Promise<Count[]> {
  return deps.counts.list();
}
