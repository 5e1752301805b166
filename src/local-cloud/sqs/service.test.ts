import { afterEach, describe, expect, it } from 'vitest';
import { openStateDb, type StateDb } from '../state/db.ts';
import { isSqsError } from './errors.ts';
import { SqsService } from './service.ts';

let db: StateDb;
let sqs: SqsService;
let clock = 1_700_000_000_000;

function start(now: () => number = () => clock): SqsService {
  db = openStateDb(':memory:');
  sqs = new SqsService({ db, endpoint: () => 'http://127.0.0.1:4566', now });
  return sqs;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return isSqsError(error) ? error.code : String(error);
  }
}

afterEach(() => {
  sqs.close();
  db.close();
});

describe('SqsService queues', () => {
  it('creates idempotently and refuses different attributes', () => {
    start();
    const url = sqs.createQueue('orders', { VisibilityTimeout: '10' });
    expect(url).toBe('http://127.0.0.1:4566/000000000000/orders');
    expect(sqs.createQueue('orders', { VisibilityTimeout: '10' })).toBe(url);
    expect(sqs.createQueue('orders')).toBe(url);
    expect(codeOf(() => sqs.createQueue('orders', { VisibilityTimeout: '11' }))).toBe('QueueNameExists');
  });

  it('resolves URLs on any host, ARNs and names', () => {
    start();
    expect(sqs.resolveName('http://localhost:9999/000000000000/orders')).toBe('orders');
    expect(sqs.resolveName('https://sqs.eu-west-1.amazonaws.com/123456789012/orders?x=1')).toBe('orders');
    expect(sqs.resolveName('arn:aws:sqs:us-east-1:000000000000:orders')).toBe('orders');
    expect(sqs.resolveName('orders')).toBe('orders');
    expect(sqs.queueArn('http://h/000000000000/orders')).toBe('arn:aws:sqs:us-east-1:000000000000:orders');
    expect(codeOf(() => sqs.queueUrl('missing'))).toBe('QueueDoesNotExist');
  });

  it('requires the dead-letter target to exist', () => {
    start();
    const policy = JSON.stringify({ deadLetterTargetArn: sqs.queueArn('dlq'), maxReceiveCount: 2 });
    expect(codeOf(() => sqs.createQueue('orders', { RedrivePolicy: policy }))).toBe('InvalidParameterValue');
    sqs.createQueue('dlq');
    sqs.createQueue('orders', { RedrivePolicy: policy });
    expect(sqs.deadLetterSourceQueues('dlq')).toEqual(['orders']);
  });

  it('allows one purge per 60 seconds', () => {
    start();
    sqs.createQueue('orders');
    sqs.sendMessage('orders', { body: 'a' });
    sqs.purgeQueue('orders');
    expect(sqs.stats('orders').visible).toBe(0);
    expect(codeOf(() => sqs.purgeQueue('orders'))).toBe('PurgeQueueInProgress');
    clock += 60_000;
    expect(codeOf(() => sqs.purgeQueue('orders'))).toBeUndefined();
  });

  it('lets a new queue be purged though a deleted one with the same id was purged a moment ago', () => {
    start();
    sqs.createQueue('first');
    sqs.purgeQueue('first');
    sqs.deleteQueue('first');
    // SQLite hands the freed rowid to the next queue
    sqs.createQueue('second');
    expect(codeOf(() => sqs.purgeQueue('second'))).toBeUndefined();
  });
});

describe('SqsService messages (injected clock)', () => {
  it('drops messages older than MessageRetentionPeriod', async () => {
    start();
    sqs.createQueue('short', { MessageRetentionPeriod: '60' });
    sqs.sendMessage('short', { body: 'old' });
    clock += 59_999;
    expect(sqs.stats('short')).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    clock += 1;
    expect(sqs.stats('short')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(await sqs.receiveMessages('short', { waitTimeSeconds: 0 })).toEqual([]);
  });

  it('hides received messages for the visibility timeout and counts receives', async () => {
    start();
    sqs.createQueue('orders', { VisibilityTimeout: '10' });
    sqs.sendMessage('orders', { body: 'a' });
    const firstReceive = clock;
    const [first] = await sqs.receiveMessages('orders', {});
    expect(first?.attributes.ApproximateReceiveCount).toBe('1');
    expect(sqs.stats('orders')).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    clock += 9_999;
    expect(await sqs.receiveMessages('orders', {})).toEqual([]);
    clock += 1;
    const [second] = await sqs.receiveMessages('orders', {});
    expect(second?.attributes).toMatchObject({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(firstReceive) });
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
  });

  it('delays by the queue default unless the message overrides it', () => {
    start();
    sqs.createQueue('delayed', { DelaySeconds: '5' });
    sqs.sendMessage('delayed', { body: 'later' });
    sqs.sendMessage('delayed', { body: 'now', delaySeconds: 0 });
    expect(sqs.stats('delayed')).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
    clock += 5_000;
    expect(sqs.stats('delayed')).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
  });

  it('moves a message to the DLQ when receives would exceed maxReceiveCount, keeping its send time', async () => {
    start();
    sqs.createQueue('dlq', { MessageRetentionPeriod: '60' });
    sqs.createQueue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.queueArn('dlq'), maxReceiveCount: 1 }) });
    const { messageId } = sqs.sendMessage('orders', { body: 'poison' });
    expect(await sqs.receiveMessages('orders', { visibilityTimeout: 0 })).toHaveLength(1);
    clock += 30_000;
    expect(await sqs.receiveMessages('orders', {})).toEqual([]);
    expect(sqs.stats('dlq').visible).toBe(1);
    const [dead] = await sqs.receiveMessages('dlq', { visibilityTimeout: 0 });
    expect(dead?.messageId).toBe(messageId);
    clock += 30_000;
    expect(sqs.stats('dlq').visible).toBe(0);
  });

  it('deletes with any handle issued for the message and rejects foreign handles', async () => {
    start();
    sqs.createQueue('a');
    sqs.createQueue('b');
    sqs.sendMessage('a', { body: 'x' });
    const [first] = await sqs.receiveMessages('a', { visibilityTimeout: 0 });
    const [second] = await sqs.receiveMessages('a', { visibilityTimeout: 0 });
    expect(codeOf(() => sqs.deleteMessage('b', second!.receiptHandle))).toBe('ReceiptHandleIsInvalid');
    expect(codeOf(() => sqs.deleteMessage('a', 'garbage'))).toBe('ReceiptHandleIsInvalid');
    sqs.deleteMessage('a', first!.receiptHandle);
    expect(sqs.stats('a')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(codeOf(() => sqs.deleteMessage('a', second!.receiptHandle))).toBeUndefined();
    expect(codeOf(() => sqs.changeMessageVisibility('a', second!.receiptHandle, 5))).toBe('InvalidParameterValue');
  });
});

describe('SqsService long polling (real clock)', () => {
  it('wakes a waiting receiver when a delayed message becomes visible', async () => {
    start(Date.now);
    sqs.createQueue('delayed');
    sqs.sendMessage('delayed', { body: 'soon', delaySeconds: 1 });
    const started = Date.now();
    const messages = await sqs.receiveMessages('delayed', { waitTimeSeconds: 5 });
    expect(messages.map((m) => m.body)).toEqual(['soon']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('does not deliver a send whose transaction rolled back', async () => {
    start(Date.now);
    sqs.createQueue('tx');
    const waiting = sqs.receiveMessages('tx', { waitTimeSeconds: 1 });
    expect(() =>
      db.transaction(() => {
        sqs.sendMessage('tx', { body: 'never' });
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(await waiting).toEqual([]);
    expect(sqs.stats('tx').visible).toBe(0);
  });

  it('resolves pending polls with [] on abort and on close', async () => {
    start(Date.now);
    sqs.createQueue('idle');
    const controller = new AbortController();
    const aborted = sqs.receiveMessages('idle', { waitTimeSeconds: 20, signal: controller.signal });
    const closed = sqs.receiveMessages('idle', { waitTimeSeconds: 20 });
    controller.abort();
    expect(await aborted).toEqual([]);
    sqs.close();
    expect(await closed).toEqual([]);
  });
});

describe('SqsService retention', () => {
  it('drops expired messages of a queue nobody receives from', () => {
    start();
    sqs.createQueue('unread-dlq', { MessageRetentionPeriod: '60' });
    sqs.sendMessage('unread-dlq', { body: 'old' });
    clock += 30_000;
    sqs.sendMessage('unread-dlq', { body: 'young' });

    clock += 31_000;
    const deleted = sqs.sweepExpiredMessages();

    expect(deleted).toBe(1);
    expect(sqs.stats('unread-dlq').visible).toBe(1);
  });
});
