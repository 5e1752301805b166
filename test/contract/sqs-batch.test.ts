import {
  BatchEntryIdsNotDistinct,
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  EmptyBatchRequest,
  InvalidBatchEntryId,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalSqs } from '../support/local-sqs.ts';

const stops: (() => Promise<void>)[] = [];

/** One local SQS endpoint over an in-memory state database, stopped after the test. */
async function startSqs() {
  const local = await startLocalSqs();
  stops.push(() => local.stop());
  return local;
}

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('SQS contract: batches', () => {
  it('sends a batch with per-entry results', async () => {
    const { client: sqs } = await startSqs();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batch-send' }));
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok-1', MessageBody: 'one' },
          { Id: 'ok_2', MessageBody: 'two', MessageAttributes: { kind: { DataType: 'String', StringValue: 'b' } } },
          { Id: 'bad-delay', MessageBody: 'three', DelaySeconds: 901 },
          { Id: 'bad-body', MessageBody: 'nul \u0000' },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok_2']);
    expect(result.Successful?.[1]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault])).toEqual([
      ['bad-delay', 'InvalidParameterValue', true],
      ['bad-body', 'InvalidMessageContents', true],
    ]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => m.Body).sort()).toEqual(['one', 'two']);
  });

  it('deletes and changes visibility in batches with per-entry failures', async () => {
    const { client: sqs } = await startSqs();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batch-delete' }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: ['a', 'b'].map((body) => ({ Id: body, MessageBody: body })) }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    expect(Messages).toHaveLength(2);
    const [first, second] = Messages;

    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'release', ReceiptHandle: second?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'garbage', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful?.map((entry) => entry.Id)).toEqual(['release']);
    expect(changed.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([['garbage', 'ReceiptHandleIsInvalid']]);

    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'first', ReceiptHandle: first?.ReceiptHandle },
          { Id: 'garbage', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(deleted.Successful?.map((entry) => entry.Id)).toEqual(['first']);
    expect(deleted.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([['garbage', 'ReceiptHandleIsInvalid']]);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((m) => m.Body)).toEqual([second?.Body]);
  });

  it('rejects malformed batches as a whole', async () => {
    const { client: sqs } = await startSqs();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batch-errors' }));
    const entries = (count: number) => Array.from({ length: count }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(11) }))).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] }))).rejects.toBeInstanceOf(EmptyBatchRequest);
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }] })),
    ).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    await expect(sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'no spaces', ReceiptHandle: 'x' }] }))).rejects.toBeInstanceOf(
      InvalidBatchEntryId,
    );
  });
});
