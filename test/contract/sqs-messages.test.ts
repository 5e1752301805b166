import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs.ts';

let local: LocalSqs;
let sqs: SQSClient;

beforeAll(async () => {
  local = await startLocalSqs();
  sqs = local.client;
});

afterAll(() => local.stop());

async function createQueue(name: string, Attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-${randomUUID().slice(0, 8)}`, Attributes }));
  return QueueUrl as string;
}

async function receive(QueueUrl: string, input: Omit<ReceiveMessageCommandInput, 'QueueUrl'> = {}) {
  return (await sqs.send(new ReceiveMessageCommand({ QueueUrl, ...input }))).Messages ?? [];
}

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await action();
  return { result, ms: performance.now() - started };
}

describe('SQS contract: messages', () => {
  it('sends, receives (MD5 checked by the SDK) and deletes', async () => {
    const QueueUrl = await createQueue('basic');
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"orderId":"o-1","note":"grüße 🚀"}' }));
    const [message] = await receive(QueueUrl, { MessageSystemAttributeNames: ['All'] });
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: '{"orderId":"o-1","note":"grüße 🚀"}', MD5OfBody: sent.MD5OfMessageBody });
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: '000000000000' });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(1_600_000_000_000);
    expect(Number(message?.Attributes?.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(Number(message?.Attributes?.SentTimestamp));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('round-trips message attributes and filters them by name, prefix and All', async () => {
    const QueueUrl = await createQueue('attrs');
    const MessageAttributes = {
      'trace.id': { DataType: 'String', StringValue: 'abc' },
      'trace.span': { DataType: 'Number', StringValue: '42' },
      payload: { DataType: 'Binary', BinaryValue: Uint8Array.of(0, 1, 254, 255) },
    };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'with attributes', MessageAttributes }));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

    const [all] = await receive(QueueUrl, { MessageAttributeNames: ['All'], VisibilityTimeout: 0 });
    expect(all?.MessageAttributes).toEqual(MessageAttributes);
    expect(all?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);

    const [traced] = await receive(QueueUrl, { MessageAttributeNames: ['trace.*'], VisibilityTimeout: 0 });
    expect(Object.keys(traced?.MessageAttributes ?? {}).sort()).toEqual(['trace.id', 'trace.span']);

    const [none] = await receive(QueueUrl, { VisibilityTimeout: 0 });
    expect(none?.MessageAttributes).toBeUndefined();
    expect(none?.MD5OfMessageAttributes).toBeUndefined();
  });

  it('delays delivery by DelaySeconds', async () => {
    const QueueUrl = await createQueue('delay');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 1 }));
    expect(await receive(QueueUrl)).toEqual([]);
    const { result, ms } = await timed(() => receive(QueueUrl, { WaitTimeSeconds: 5 }));
    expect(result.map((m) => m.Body)).toEqual(['later']);
    expect(ms).toBeLessThan(3_000);
  });

  it('redelivers after the visibility timeout with ApproximateReceiveCount 2', async () => {
    const QueueUrl = await createQueue('visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'retry me' }));
    const [first] = await receive(QueueUrl, { VisibilityTimeout: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(await receive(QueueUrl)).toEqual([]);
    const [second] = await receive(QueueUrl, { WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second?.ReceiptHandle }));
  });

  it('makes a message visible at once with ChangeMessageVisibility 0', async () => {
    const QueueUrl = await createQueue('release');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'release me' }));
    const [first] = await receive(QueueUrl, { VisibilityTimeout: 600 });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await receive(QueueUrl)).map((m) => m.MessageId)).toEqual([first?.MessageId]);
  });

  it('returns a long poll early when a message arrives', async () => {
    const QueueUrl = await createQueue('longpoll');
    const polling = timed(() => receive(QueueUrl, { WaitTimeSeconds: 10 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const { result, ms } = await polling;
    expect(result.map((m) => m.Body)).toEqual(['wake up']);
    expect(ms).toBeLessThan(2_000);
  });

  it('returns an empty long poll after WaitTimeSeconds', async () => {
    const QueueUrl = await createQueue('empty');
    const { result, ms } = await timed(() => receive(QueueUrl, { WaitTimeSeconds: 1 }));
    expect(result).toEqual([]);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3_000);
  });

  it('moves a message to the dead-letter queue once receives exceed maxReceiveCount', async () => {
    const deadLetterUrl = await createQueue('dlq');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }));
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 2 });
    const QueueUrl = await createQueue('source', { RedrivePolicy });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    expect(await receive(QueueUrl, { VisibilityTimeout: 0 })).toHaveLength(1);
    expect(await receive(QueueUrl, { VisibilityTimeout: 0 })).toHaveLength(1);
    expect(await receive(QueueUrl, { VisibilityTimeout: 0 })).toEqual([]);
    const [dead] = await receive(deadLetterUrl);
    expect(dead?.MessageId).toBe(sent.MessageId);
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: deadLetterUrl }))).queueUrls).toEqual([QueueUrl]);
  });

  it('rejects bad receipt handles, oversized messages and out-of-range receives', async () => {
    const QueueUrl = await createQueue('errors', { MaximumMessageSize: '1024' });
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' }))).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    const tooLong = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) })).catch((e: unknown) => e);
    expect((tooLong as Error).name).toBe('InvalidParameterValue');
    const tooMany = await receive(QueueUrl, { MaxNumberOfMessages: 11 }).catch((e: unknown) => e);
    expect((tooMany as Error).name).toBe('InvalidParameterValue');
  });
});
