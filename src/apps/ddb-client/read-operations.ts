import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { capacityUnits, type OperationContext, type OperationOutcome } from './operation.ts';
import { intBetween } from './random.ts';
import { DEPARTMENT_INDEX } from './users-table.ts';
import type { User } from './users.ts';

const SCAN_PAGE_SIZE = 25;
const QUERY_LIMIT = 10;

/** A Scan filtered on an age band, following LastEvaluatedKey up to `scanMaxPages` pages. */
export async function scanItems(ctx: OperationContext): Promise<OperationOutcome> {
  const minAge = intBetween(ctx.random, 20, 59);
  const maxAge = minAge + 9;
  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  let count = 0;
  let scannedCount = 0;
  let capacity = 0;
  do {
    const out = await ctx.db.send(
      new ScanCommand({
        TableName: ctx.tableName,
        FilterExpression: 'age BETWEEN :min AND :max',
        ExpressionAttributeValues: { ':min': minAge, ':max': maxAge },
        Limit: SCAN_PAGE_SIZE,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    pages++;
    count += out.Count ?? 0;
    scannedCount += out.ScannedCount ?? 0;
    capacity += capacityUnits(out.ConsumedCapacity);
    startKey = out.LastEvaluatedKey;
  } while (startKey && pages < ctx.scanMaxPages);
  const more = startKey !== undefined;
  const message = `ages ${minAge}–${maxAge}: Count ${count}, ScannedCount ${scannedCount} in ${pages} page(s)${more ? `, stopped at the ${ctx.scanMaxPages}-page cap` : ''}`;
  return { capacity, calls: pages, message, details: { minAge, maxAge, pages, count, scannedCount, more } };
}

/** A real Query on the `department` GSI (the reference scanned with a filter instead). */
export async function queryByDepartment(ctx: OperationContext): Promise<OperationOutcome> {
  const department = ctx.users.department();
  const out = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: DEPARTMENT_INDEX,
      KeyConditionExpression: 'department = :department',
      ExpressionAttributeValues: { ':department': department },
      Limit: QUERY_LIMIT,
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  const users = (out.Items ?? []) as User[];
  const sample = users.slice(0, 3).map((u) => u.name);
  const more = out.LastEvaluatedKey !== undefined;
  const message = `${department}: Count ${out.Count ?? 0}, ScannedCount ${out.ScannedCount ?? 0}${more ? ' (more pages)' : ''}${sample.length ? ` — ${sample.join(', ')}` : ''}`;
  return {
    capacity: capacityUnits(out.ConsumedCapacity),
    calls: 1,
    message,
    details: { department, count: out.Count ?? 0, scannedCount: out.ScannedCount ?? 0, more, ids: users.map((u) => u.id) },
  };
}
