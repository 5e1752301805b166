import { describe, expect, it } from 'vitest';
import { serviceRecord } from '../../../../test/support/service-limits/stream-records.ts';
import { insertAction, modifyAction } from './rules.ts';

const ids = { accountId: 'a1', serviceId: 's1' };

describe('insertAction', () => {
  it('counts an inserted service', () => {
    expect(insertAction(serviceRecord('INSERT', ids, '1'))).toEqual({ kind: 'count', accountId: 'a1', serviceId: 's1' });
  });

  it('skips other events and other items', () => {
    expect(insertAction(serviceRecord('MODIFY', { ...ids, processed: true }, '1'))).toMatchObject({ kind: 'skip' });
    const account = serviceRecord('INSERT', ids, '2');
    account.dynamodb!.Keys = { PK: { S: 'ACCOUNT#a1' }, SK: { S: 'METADATA' } };
    expect(insertAction(account)).toEqual({ kind: 'skip', reason: 'not a service item' });
  });

  it('skips a record without a new image', () => {
    const record = serviceRecord('INSERT', ids, '3');
    delete record.dynamodb!.NewImage;
    expect(insertAction(record)).toEqual({ kind: 'skip', reason: 'no new image' });
  });
});

describe('modifyAction', () => {
  it('counts out a service that is counted and soft-deleted', () => {
    expect(modifyAction(serviceRecord('MODIFY', { ...ids, processed: true, deleted: true }, '1'))).toEqual({ kind: 'count', accountId: 'a1', serviceId: 's1' });
  });

  it('skips a soft delete the insert consumer has not counted yet', () => {
    expect(modifyAction(serviceRecord('MODIFY', { ...ids, processed: false, deleted: true }, '1'))).toEqual({ kind: 'skip', reason: 'not counted yet' });
  });

  it("skips the insert consumer's own flag flip on a live service", () => {
    expect(modifyAction(serviceRecord('MODIFY', { ...ids, processed: true, deleted: false }, '1'))).toEqual({ kind: 'skip', reason: 'not deleted' });
  });

  it('skips inserts and removes', () => {
    expect(modifyAction(serviceRecord('INSERT', ids, '1'))).toMatchObject({ kind: 'skip' });
    expect(modifyAction(serviceRecord('REMOVE', ids, '2'))).toMatchObject({ kind: 'skip' });
  });
});
