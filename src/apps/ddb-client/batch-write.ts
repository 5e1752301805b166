import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { backoff } from './backoff.ts';
import { ThrottledError } from './errors.ts';
import { capacityUnits, type OperationContext, type OperationOutcome } from './operation.ts';

/** BatchWriteItem's limit per call. */
const MAX_PER_CALL = 25;
type WriteRequests = NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string];

/** Writes `batchSize` users, 25 per BatchWriteItem, retrying UnprocessedItems with backoff and jitter. */
export async function batchWrite(ctx: OperationContext): Promise<OperationOutcome> {
  const users = ctx.users.batch(ctx.batchSize);
  let capacity = 0;
  let calls = 0;
  let retries = 0;
  for (let start = 0; start < users.length; start += MAX_PER_CALL) {
    let pending: WriteRequests = users.slice(start, start + MAX_PER_CALL).map((user) => ({ PutRequest: { Item: user } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= ctx.batchMaxAttempts) throw new ThrottledError(`BatchWriteItem left ${pending.length} item(s) unprocessed`, attempt);
      if (attempt > 0) {
        retries++;
        await backoff(attempt - 1, ctx.random, ctx.batchBaseDelayMs);
      }
      const out = await ctx.db.send(new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending }, ReturnConsumedCapacity: 'TOTAL' }));
      calls++;
      capacity += capacityUnits(out.ConsumedCapacity);
      pending = out.UnprocessedItems?.[ctx.tableName] ?? [];
    }
  }
  const ids = users.map((u) => u.id);
  const message = `wrote ${users.length} user(s) in ${calls} BatchWriteItem call(s)${retries ? ` (${retries} retried for UnprocessedItems)` : ''}: ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}`;
  return { capacity, calls, message, details: { ids, calls, retries } };
}
