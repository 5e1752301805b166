import type { DeadLetter } from '../../shared/messages.ts';
import type { StatusTable } from '../../shared/status-table.ts';

export interface FailRequestDeps {
  readonly status: StatusTable;
  readonly now: () => string;
}

/**
 * A message that exhausted its receives (a batch that kept failing, or a split or finish that could
 * not run) fails its request, unless the request completed anyway or the dead message was a
 * duplicate of a batch that another delivery counted.
 */
export async function failRequest(deps: FailRequestDeps, { requestId, batchIndex }: DeadLetter): Promise<void> {
  if (batchIndex !== undefined && (await deps.status.isBatchCounted(requestId, batchIndex))) return;
  const reason = batchIndex === undefined ? 'a processing step exhausted its retries' : `batch ${batchIndex} exhausted its retries`;
  await deps.status.fail(requestId, deps.now(), reason);
}
