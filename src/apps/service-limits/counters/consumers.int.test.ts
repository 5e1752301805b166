import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/log.ts';
import { createAccount } from '../accounts/service.ts';
import type { Deps } from '../deps.ts';
import { createService, deleteService } from '../services/service.ts';
import { createServiceLimitsStore } from '../../../../test/support/service-limits/store.ts';
import { counterConsumer } from './consumer.ts';
import { serviceRecord } from '../../../../test/support/service-limits/stream-records.ts';
import { insertAction, modifyAction } from './rules.ts';

describe('the counter consumers on DynamoDB Local', () => {
  let deps: Deps;
  let insert: (event: DynamoDBStreamEvent) => Promise<unknown>;
  let modify: (event: DynamoDBStreamEvent) => Promise<unknown>;
  beforeAll(async () => {
    ({ deps } = await createServiceLimitsStore('counters'));
    insert = counterConsumer({ action: insertAction, apply: (c, a, s) => c.countService(a, s), counts: () => deps.counts, logger: silentLogger });
    modify = counterConsumer({ action: modifyAction, apply: (c, a, s) => c.uncountService(a, s), counts: () => deps.counts, logger: silentLogger });
  });

  const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
  const countOf = async (accountId: string) => (await deps.counts.get(accountId))?.count_value;

  it('counts each inserted service once, however often the batch is delivered', async () => {
    // Prepare
    const account = await createAccount(deps, { username: 'insert-twice' });
    const services = await Promise.all([1, 2, 3].map((n) => createService(deps, { account_id: account.id, name: `s${n}` })));
    const event = batch(...services.map((s, i) => serviceRecord('INSERT', { accountId: account.id, serviceId: s.id }, String(i + 1))));
    // Act
    const first = await insert(event);
    const second = await insert(event);
    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(await countOf(account.id)).toBe(3);
    for (const s of services) expect(await deps.services.get(account.id, s.id)).toMatchObject({ create_counter_processed: true });
  });

  it('counts out each counted, soft-deleted service once and hard-deletes it', async () => {
    // Prepare
    const account = await createAccount(deps, { username: 'modify-twice' });
    const service = await createService(deps, { account_id: account.id, name: 'doomed' });
    const ids = { accountId: account.id, serviceId: service.id };
    await insert(batch(serviceRecord('INSERT', ids, '1')));
    await deleteService(deps, account.id, service.id);
    const event = batch(serviceRecord('MODIFY', { ...ids, processed: true, deleted: true }, '2', { ...ids, processed: true }));
    // Act
    await modify(event);
    await modify(event);
    // Assess
    expect(await countOf(account.id)).toBe(0);
    expect(await deps.services.get(account.id, service.id)).toBeUndefined();
  });

  it('ends at a net zero when the delete overtakes the insert consumer', async () => {
    // Prepare: the service is soft-deleted before it is counted
    const account = await createAccount(deps, { username: 'race' });
    const service = await createService(deps, { account_id: account.id, name: 'racer' });
    const ids = { accountId: account.id, serviceId: service.id };
    await deleteService(deps, account.id, service.id);
    // Act: the stream's records in order, each consumer seeing only its own event name
    await modify(batch(serviceRecord('MODIFY', { ...ids, deleted: true }, '2', ids)));
    expect(await countOf(account.id)).toBe(0);
    await insert(batch(serviceRecord('INSERT', ids, '1')));
    expect(await countOf(account.id)).toBe(1);
    const flagFlip = batch(serviceRecord('MODIFY', { ...ids, deleted: true, processed: true }, '3', { ...ids, deleted: true }));
    await modify(flagFlip);
    await modify(flagFlip);
    // Assess
    expect(await countOf(account.id)).toBe(0);
    expect(await deps.services.get(account.id, service.id)).toBeUndefined();
    expect((await deps.accounts.get(account.id))?.number_of_services).toBe(0);
  });

  it('reports the first failing record with every record after it, and applies none of them', async () => {
    // Prepare: the middle record's key is longer than DynamoDB allows (a ValidationException, not a condition)
    const account = await createAccount(deps, { username: 'poison' });
    const [before, after] = await Promise.all(['before', 'after'].map((name) => createService(deps, { account_id: account.id, name })));
    const records = [
      serviceRecord('INSERT', { accountId: account.id, serviceId: before!.id }, '10'),
      serviceRecord('INSERT', { accountId: 'x'.repeat(2100), serviceId: 'poison' }, '11'),
      serviceRecord('INSERT', { accountId: account.id, serviceId: after!.id }, '12'),
    ];
    // Act
    const response = await insert(batch(...records));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '11' }, { itemIdentifier: '12' }] });
    expect(await countOf(account.id)).toBe(1);
    expect(await deps.services.get(account.id, after!.id)).toMatchObject({ create_counter_processed: false });
  });
});
