import { describe, expect, it } from 'vitest';
import { busEntry } from './bus-entry.ts';
import { destinationEvent, destinationRecord } from './destination-record.ts';
import type { PendingDelivery } from './outbox.ts';
import { parseTargetArn } from './target-arn.ts';

const fn = 'arn:aws:lambda:us-east-1:000000000000:function:f';
const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/results';

describe('destinationRecord', () => {
  it('has no response for an event that aged out before any invocation', () => {
    const record = destinationRecord({ functionArn: fn, requestId: 'r-1', requestPayload: { n: 1 }, condition: 'EventAgeExceeded', invokeCount: 0, now: 0 });
    expect(record).toEqual({
      version: '1.0',
      timestamp: '1970-01-01T00:00:00.000Z',
      requestContext: { requestId: 'r-1', functionArn: `${fn}:$LATEST`, condition: 'EventAgeExceeded', approximateInvokeCount: 0 },
      requestPayload: { n: 1 },
    });
  });

  it('becomes a PutEvents entry from source lambda for an event bus destination', () => {
    const record = destinationRecord({ functionArn: fn, requestPayload: {}, condition: 'Success', invokeCount: 1, response: { payload: 'ok' }, now: 0 });
    expect(destinationEvent(bus, record)).toEqual({
      EventBusName: bus,
      Source: 'lambda',
      DetailType: 'Lambda Function Invocation Result - Success',
      Detail: JSON.stringify(record),
      Resources: [bus, `${fn}:$LATEST`],
    });
  });
});

describe('busEntry', () => {
  const delivery = (target: PendingDelivery['target'], input: string): PendingDelivery => ({ id: 1, ruleArn: 'arn:source', target, event: input, input, attempts: 0, functionAttempts: 0, firstAttemptAt: 0 });

  it('makes a schedule\'s input the detail of an event with its EventBridgeParameters', () => {
    expect(busEntry(delivery({ id: 't', arn: bus, eventBridgeParameters: { detailType: 'Tick', source: 'app' } }, '{"n":1}'))).toEqual({
      EventBusName: bus,
      Source: 'app',
      DetailType: 'Tick',
      Detail: '{"n":1}',
      Resources: ['arn:source'],
    });
  });

  it('forwards the event a rule matched', () => {
    const event = { version: '0', id: 'e', 'detail-type': 'Placed', source: 'shop', time: '2030-01-01T00:00:00Z', resources: ['r'], detail: { id: 1 } };
    expect(busEntry(delivery({ id: 't', arn: bus }, JSON.stringify(event)))).toEqual({
      EventBusName: bus,
      Source: 'shop',
      DetailType: 'Placed',
      Detail: '{"id":1}',
      Resources: ['r'],
      Time: new Date('2030-01-01T00:00:00Z'),
    });
  });
});

describe('parseTargetArn', () => {
  it('names queues, functions (qualified or not) and buses', () => {
    expect(parseTargetArn('arn:aws:sqs:us-east-1:000000000000:q')).toEqual({ kind: 'sqs', name: 'q' });
    expect(parseTargetArn(`${fn}:$LATEST`)).toEqual({ kind: 'lambda', name: 'f' });
    expect(parseTargetArn(bus)).toEqual({ kind: 'events', name: 'results' });
    expect(parseTargetArn('arn:aws:sns:us-east-1:000000000000:topic')).toEqual({ kind: 'unknown' });
  });
});
