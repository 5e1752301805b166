import type { DynamoDBRecord } from 'aws-lambda';
import { ACCOUNT_PREFIX, SERVICE_PREFIX } from '../keys.ts';

/** What a consumer does with one stream record: run its counting transaction, or skip it (and why). */
export type CounterAction = { readonly kind: 'count'; readonly accountId: string; readonly serviceId: string } | { readonly kind: 'skip'; readonly reason: string };

/** The insert consumer counts every newly inserted service item. */
export function insertAction(record: DynamoDBRecord): CounterAction {
  const target = serviceTarget(record, 'INSERT');
  if ('reason' in target) return { kind: 'skip', reason: target.reason };
  return { kind: 'count', ...target };
}

/**
 * The modify consumer counts a service out once it is both counted and soft-deleted. A soft delete
 * that overtakes the insert consumer is skipped here; the insert consumer's own flag flip then
 * produces the MODIFY that is counted out, so the race ends at a net zero.
 */
export function modifyAction(record: DynamoDBRecord): CounterAction {
  const target = serviceTarget(record, 'MODIFY');
  if ('reason' in target) return { kind: 'skip', reason: target.reason };
  const image = record.dynamodb?.NewImage ?? {};
  if (image.create_counter_processed?.BOOL !== true) return { kind: 'skip', reason: 'not counted yet' };
  if (image.deleted?.BOOL !== true) return { kind: 'skip', reason: 'not deleted' };
  return { kind: 'count', ...target };
}

function serviceTarget(record: DynamoDBRecord, eventName: 'INSERT' | 'MODIFY'): { accountId: string; serviceId: string } | { reason: string } {
  if (record.eventName !== eventName) return { reason: `event ${record.eventName ?? 'unknown'} is not ${eventName}` };
  const pk = record.dynamodb?.Keys?.PK?.S;
  const sk = record.dynamodb?.Keys?.SK?.S;
  if (!pk?.startsWith(ACCOUNT_PREFIX) || !sk?.startsWith(SERVICE_PREFIX)) return { reason: 'not a service item' };
  if (!record.dynamodb?.NewImage) return { reason: 'no new image' };
  const accountId = pk.slice(ACCOUNT_PREFIX.length);
  const serviceId = sk.slice(SERVICE_PREFIX.length);
  if (accountId === '' || serviceId === '') return { reason: 'missing ids' };
  return { accountId, serviceId };
}
