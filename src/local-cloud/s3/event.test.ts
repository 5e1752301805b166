import { describe, expect, it } from 'vitest';
import { encodeEventKey, matchesNotification, s3NotificationEvent, type ObjectChange } from './event.ts';

const change = (eventName: ObjectChange['eventName'], key: string): ObjectChange => ({
  eventName,
  bucket: 'shop-uploads',
  key,
  size: 3,
  eTag: 'abc',
  sourceIp: '127.0.0.1',
  time: '2026-01-01T00:00:00.000Z',
  sequencer: '0001',
});

describe('matchesNotification', () => {
  it('matches event families and exact names', () => {
    expect(matchesNotification(change('ObjectCreated:CompleteMultipartUpload', 'a'), { events: ['s3:ObjectCreated:*'] })).toBe(true);
    expect(matchesNotification(change('ObjectCreated:Put', 'a'), { events: ['s3:ObjectCreated:Post'] })).toBe(false);
    expect(matchesNotification(change('ObjectRemoved:Delete', 'a'), { events: ['s3:ObjectCreated:*'] })).toBe(false);
    expect(matchesNotification(change('ObjectRemoved:Delete', 'a'), { events: ['s3:ObjectRemoved:*'] })).toBe(true);
  });

  it('filters by prefix and suffix together', () => {
    const filter = { events: ['s3:ObjectCreated:*'] as const, prefix: 'in/', suffix: '.csv' };
    expect(matchesNotification(change('ObjectCreated:Put', 'in/a.csv'), filter)).toBe(true);
    expect(matchesNotification(change('ObjectCreated:Put', 'out/a.csv'), filter)).toBe(false);
    expect(matchesNotification(change('ObjectCreated:Put', 'in/a.json'), filter)).toBe(false);
  });
});

describe('s3NotificationEvent', () => {
  it('URL-encodes the key as S3 does, keeping slashes', () => {
    expect(encodeEventKey('in/red flower+1=2.jpg')).toBe('in/red+flower%2B1%3D2.jpg');
  });

  it('has the AWS shape, without size or eTag for removals', () => {
    const created = s3NotificationEvent(change('ObjectCreated:Put', 'a b'), 'cfg', 'eu-west-1').Records[0];
    expect(created).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventName: 'ObjectCreated:Put',
      s3: { s3SchemaVersion: '1.0', configurationId: 'cfg', bucket: { name: 'shop-uploads', arn: 'arn:aws:s3:::shop-uploads' }, object: { key: 'a+b', size: 3, eTag: 'abc' } },
    });
    const removed = s3NotificationEvent(change('ObjectRemoved:Delete', 'a'), 'cfg', 'eu-west-1').Records[0] as { s3: { object: object } };
    expect(removed.s3.object).toEqual({ key: 'a', sequencer: '0001' });
  });
});
