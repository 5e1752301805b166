import {
  AddPermissionCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  InvalidAttributeValue,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDoesNotExist,
  QueueNameExists,
  SetQueueAttributesCommand,
  type SQSClient,
  SQSServiceException,
  TagQueueCommand,
  UnsupportedOperation,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs.ts';

let local: LocalSqs;
let sqs: SQSClient;
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  local = await startLocalSqs();
  sqs = local.client;
});

afterAll(() => local.stop());

describe('SQS contract: queues', () => {
  it('creates, finds, describes, lists and deletes a queue', async () => {
    const name = unique('orders');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }));
    expect(QueueUrl).toMatch(new RegExp(`/000000000000/${name}$`));
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(QueueUrl);

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      VisibilityTimeout: '45',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      MaximumMessageSize: '1048576',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    expect(Number(Attributes?.CreatedTimestamp)).toBeGreaterThan(1_600_000_000);

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '3' } }));
    const selected = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds', 'QueueArn'] }));
    expect(selected.Attributes).toEqual({ DelaySeconds: '3', QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}` });

    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }))).QueueUrls).toEqual([QueueUrl]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: name }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }))).QueueUrls ?? []).toEqual([]);
  });

  it('pages ListQueues with MaxResults and NextToken', async () => {
    const prefix = unique('page');
    const names = ['a', 'b', 'c'].map((suffix) => `${prefix}-${suffix}`);
    for (const name of names) await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    expect([...(first.QueueUrls ?? []), ...(second.QueueUrls ?? [])].map((url) => url.split('/').at(-1))).toEqual(names);
  });

  it('repeats CreateQueue with equal attributes and refuses different ones', async () => {
    const name = unique('idem');
    const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '2' } }));
    const again = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '2' } }));
    expect(again.QueueUrl).toBe(created.QueueUrl);
    const error = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { DelaySeconds: '5' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueNameExists);
  });

  it('answers invalid attributes and FIFO queues with AWS errors', async () => {
    await expect(sqs.send(new CreateQueueCommand({ QueueName: unique('bad'), Attributes: { Colour: 'red' } as never }))).rejects.toBeInstanceOf(
      InvalidAttributeName,
    );
    await expect(sqs.send(new CreateQueueCommand({ QueueName: unique('bad'), Attributes: { VisibilityTimeout: '43201' } }))).rejects.toBeInstanceOf(
      InvalidAttributeValue,
    );
    await expect(sqs.send(new CreateQueueCommand({ QueueName: `${unique('jobs')}.fifo`, Attributes: { FifoQueue: 'true' } }))).rejects.toBeInstanceOf(
      UnsupportedOperation,
    );
    const badName = await sqs.send(new CreateQueueCommand({ QueueName: 'no spaces allowed' })).catch((e: unknown) => e);
    expect(badName).toBeInstanceOf(SQSServiceException);
    expect((badName as Error).name).toBe('InvalidParameterValue');
  });

  it('allows one PurgeQueue per minute', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('purge') }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    await expect(sqs.send(new PurgeQueueCommand({ QueueUrl }))).rejects.toBeInstanceOf(PurgeQueueInProgress);
  });

  it('tags and untags a queue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('tags'), tags: { team: 'orders' } }));
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'local' });
  });

  it('answers operations it does not implement with 501', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique('perm') }));
    const error = await sqs
      .send(new AddPermissionCommand({ QueueUrl, Label: 'l', AWSAccountIds: ['000000000000'], Actions: ['SendMessage'] }))
      .catch((e: unknown) => e);
    expect((error as SQSServiceException).$metadata.httpStatusCode).toBe(501);
  });
});
