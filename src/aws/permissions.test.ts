import { describe, expect, it } from 'vitest';
import { bucketName, busName, kinesisStreamName, queueUrl, tableName, tableStreamArn } from '../platform/topology/define.ts';
import { accessNeeds } from './permissions.ts';

const handler = 'src/apps/shop/handler.ts#handler';

describe('accessNeeds', () => {
  it('grants exactly the declared table and bucket actions, once each', () => {
    expect(accessNeeds({ handler, tableAccess: { store: ['GetItem', 'Query', 'GetItem'] }, bucketAccess: { uploads: ['GetObject', 'ListBucket'] } })).toEqual([
      { kind: 'tableItems', table: 'store', actions: ['GetItem', 'Query'] },
      { kind: 'bucketObjects', bucket: 'uploads', actions: ['GetObject', 'ListBucket'] },
    ]);
  });

  it('reads a table or bucket name in the environment as no grant, and queues, buses, streams as what the code does with them', () => {
    const environment = {
      TABLE: tableName('store'),
      BUCKET: bucketName('uploads'),
      QUEUE: queueUrl('jobs'),
      BUS: busName('events'),
      STREAM: kinesisStreamName('events'),
      CHANGES: tableStreamArn('store'),
      PLAIN: 'a value',
    };
    expect(accessNeeds({ handler, environment })).toEqual([
      { kind: 'queueSend', queue: 'jobs' },
      { kind: 'busPut', bus: 'events' },
      { kind: 'kinesisWrite', stream: 'events' },
      { kind: 'streamRead', table: 'store' },
    ]);
  });

  it('adds what each trigger and failure destination needs, without duplicates', () => {
    const needs = accessNeeds({
      handler,
      environment: { DLQ: queueUrl('failures') },
      triggers: [
        { type: 'sqs', queue: 'jobs' },
        { type: 'dynamodb-stream', table: 'store', startingPosition: 'LATEST', onFailureQueue: 'failures' },
        { type: 'kinesis', stream: 'events', startingPosition: 'TRIM_HORIZON' },
        { type: 's3', bucket: 'uploads' },
      ],
      onAsyncFailureQueue: 'failures',
    });
    expect(needs).toEqual([
      { kind: 'queueSend', queue: 'failures' },
      { kind: 'queueConsume', queue: 'jobs' },
      { kind: 'streamRead', table: 'store' },
      { kind: 'kinesisRead', stream: 'events' },
    ]);
  });
});
