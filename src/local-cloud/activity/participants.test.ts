import { describe, expect, it } from 'vitest';
import { invocationSource, participantOfArn } from './participants.ts';

describe('participants', () => {
  it.each([
    ['arn:aws:sqs:us-east-1:000000000000:orders', 'queue:orders'],
    ['arn:aws:lambda:us-east-1:000000000000:function:sync', 'function:sync'],
    ['arn:aws:lambda:us-east-1:000000000000:function:sync:live', 'function:sync'],
    ['arn:aws:events:us-east-1:000000000000:event-bus/shop', 'bus:shop'],
    ['arn:aws:dynamodb:ddblocal:000000000000:table/shop-store/stream/2024-01-01T00:00:00.000', 'table:shop-store'],
    ['arn:aws:kinesis:us-east-1:000000000000:stream/clicks', 'kinesis:clicks'],
    ['arn:aws:s3:::uploads', 'bucket:uploads'],
    ['arn:aws:events:us-east-1:000000000000:rule/shop/sync', 'rule:sync'],
    ['arn:aws:events:us-east-1:000000000000:rule/nightly', 'rule:nightly'],
    ['arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick', 'schedule:tick'],
    ['', 'client'],
  ])('%s is %s', (arn, expected) => {
    expect(participantOfArn(arn)).toBe(expected);
  });

  it('reads the source of an invocation from its event', () => {
    expect(invocationSource({ Records: [{ eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q' }] })).toBe('queue:q');
    expect(invocationSource({ Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'in' } } }] })).toBe('bucket:in');
    expect(invocationSource({ requestContext: { apiId: 'shop-orders' } })).toBe('api:shop-orders');
    expect(invocationSource({ 'detail-type': 'X', source: 'y', detail: {} })).toBe('events');
    expect(invocationSource({ orderId: 'o-1' })).toBe('client');
    expect(invocationSource(null)).toBe('client');
  });
});
