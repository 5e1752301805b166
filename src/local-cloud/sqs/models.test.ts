import { describe, expect, it } from 'vitest';
import { defaultQueueAttributes } from './attributes.ts';
import { decodeReceiptHandle, messageState, newReceiptHandle, Queue, visibleAfter } from './models.ts';

function queue(attributes: Record<string, string> = {}): Queue {
  return new Queue({ id: 1, name: 'orders', attributes: { ...defaultQueueAttributes(), ...attributes }, tags: {}, createdAt: 0, modifiedAt: 0 });
}

describe('visibility', () => {
  it('hides a message for the given seconds', () => {
    expect(visibleAfter(1_000, 30)).toBe(31_000);
    expect(visibleAfter(1_000, 0)).toBe(1_000);
  });

  it('tells visible, delayed and in-flight messages apart', () => {
    expect(messageState({ visibleAt: 1_000, receiveCount: 0 }, 1_000)).toBe('visible');
    expect(messageState({ visibleAt: 1_001, receiveCount: 0 }, 1_000)).toBe('delayed');
    expect(messageState({ visibleAt: 1_001, receiveCount: 2 }, 1_000)).toBe('inFlight');
    expect(messageState({ visibleAt: 999, receiveCount: 2 }, 1_000)).toBe('visible');
  });
});

describe('Queue', () => {
  it('reads its numeric attributes', () => {
    const q = queue({ VisibilityTimeout: '5', DelaySeconds: '7', ReceiveMessageWaitTimeSeconds: '3' });
    expect([q.visibilityTimeout, q.delaySeconds, q.receiveWaitSeconds, q.maximumMessageSize]).toEqual([5, 7, 3, 1_048_576]);
  });

  it('expires messages older than the retention period', () => {
    expect(queue({ MessageRetentionPeriod: '60' }).expiryCutoff(100_000)).toBe(40_000);
  });

  it('redrives only when the receive count would exceed maxReceiveCount', () => {
    const q = queue({ RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}' });
    expect(q.exceedsMaxReceives(2)).toBe(false);
    expect(q.exceedsMaxReceives(3)).toBe(true);
    expect(queue().exceedsMaxReceives(1_000)).toBe(false);
  });
});

describe('receipt handles', () => {
  it('differ per receive and decode to their queue and message', () => {
    const id = '6f1b3c59-1c1e-4d4c-9a83-7f6f6d1f2a10';
    const first = newReceiptHandle('orders', id);
    expect(first).not.toBe(newReceiptHandle('orders', id));
    expect(decodeReceiptHandle(first)).toEqual({ queueName: 'orders', messageId: id });
  });

  it('reject anything we did not issue', () => {
    expect(decodeReceiptHandle('garbage')).toBeUndefined();
    expect(decodeReceiptHandle('')).toBeUndefined();
    expect(decodeReceiptHandle(Buffer.from('orders not-a-uuid x').toString('base64'))).toBeUndefined();
  });
});
