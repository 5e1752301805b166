import type {
  SQSServiceException} from '@aws-sdk/client-sqs';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  ResourceNotFoundException,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs.ts';
import { postQuery, text, texts } from '../support/query.ts';
import { waitFor } from '../support/wait-for.ts';

let local: LocalSqs;
let sqs: SQSClient;
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

beforeAll(async () => {
  local = await startLocalSqs();
  sqs = local.client;
});
afterAll(() => local.stop());

/** A source queue whose messages dead-letter on their second receive, and its DLQ. */
async function queueWithDlq(): Promise<{ source: string; dlq: string; sourceUrl: string; dlqUrl: string }> {
  const dlq = unique('dlq');
  const source = unique('work');
  const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: dlq }));
  const { QueueUrl: sourceUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: source, Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 1 }) } }),
  );
  return { source, dlq, sourceUrl: sourceUrl!, dlqUrl: dlqUrl! };
}

/** Sends messages and receives each twice, so that they end up in the DLQ. */
async function deadLetter(queues: { sourceUrl: string; dlqUrl: string }, bodies: string[]): Promise<void> {
  for (const body of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: queues.sourceUrl, MessageBody: body }));
  await waitFor(async () => {
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.sourceUrl, MaxNumberOfMessages: 10 }));
    return (await depth(queues.dlqUrl)) === bodies.length;
  }, { description: 'messages in the DLQ' });
}

async function depth(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages);
}

describe('SQS contract: message move tasks (DLQ redrive)', () => {
  it('moves a DLQ back to the queue each message came from: never received there, listed COMPLETED', async () => {
    // Prepare
    const queues = await queueWithDlq();
    await deadLetter(queues, ['a', 'b', 'c']);

    // Act
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq) }));

    // Assess
    expect(TaskHandle).toMatch(/^[A-Za-z0-9+/=]+$/);
    const task = await waitFor(async () => {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(queues.dlq) }));
      expect(Results?.[0]?.Status).toBe('COMPLETED');
      return Results![0]!;
    });
    expect(task).toEqual({
      Status: 'COMPLETED',
      SourceArn: arnOf(queues.dlq),
      ApproximateNumberOfMessagesMoved: 3,
      ApproximateNumberOfMessagesToMove: 3,
      StartedTimestamp: expect.any(Number),
    });
    expect(await depth(queues.dlqUrl)).toBe(0);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.sourceUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(Messages.map((message) => message.Body).sort()).toEqual(['a', 'b', 'c']);
    expect(Messages.map((message) => message.Attributes?.ApproximateReceiveCount)).toEqual(['1', '1', '1']);
  });

  it('moves to a DestinationArn at MaxNumberOfMessagesPerSecond; a running task lists its handle and can be cancelled', async () => {
    // Prepare
    const queues = await queueWithDlq();
    const elsewhere = unique('elsewhere');
    const { QueueUrl: elsewhereUrl } = await sqs.send(new CreateQueueCommand({ QueueName: elsewhere }));
    await deadLetter(queues, ['1', '2', '3', '4', '5']);

    // Act
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq), DestinationArn: arnOf(elsewhere), MaxNumberOfMessagesPerSecond: 1 }));
    const { Results: [running] = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(queues.dlq), MaxResults: 10 }));
    const second = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq) })).catch((error: unknown) => error);
    const { ApproximateNumberOfMessagesMoved } = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));

    // Assess
    expect(running).toMatchObject({ TaskHandle, Status: 'RUNNING', DestinationArn: arnOf(elsewhere), MaxNumberOfMessagesPerSecond: 1, ApproximateNumberOfMessagesToMove: 5 });
    expect(second).toBeInstanceOf(UnsupportedOperation);
    expect(ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    await waitFor(async () => {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(queues.dlq) }));
      expect(Results?.[0]).toMatchObject({ Status: 'CANCELLED' });
      expect(Results?.[0]?.TaskHandle).toBeUndefined();
    });
    const moved = await depth(elsewhereUrl!);
    expect(moved).toBeLessThan(5);
    expect(moved + (await depth(queues.dlqUrl))).toBe(5);
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toBeInstanceOf(UnsupportedOperation);
  });

  it('fails a task on a message sent to the DLQ directly, which has no source to return to', async () => {
    const queues = await queueWithDlq();
    await sqs.send(new SendMessageCommand({ QueueUrl: queues.dlqUrl, MessageBody: 'orphan' }));

    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq) }));

    const task = await waitFor(async () => {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf(queues.dlq) }));
      expect(Results?.[0]?.Status).toBe('FAILED');
      return Results![0]!;
    });
    expect(task.FailureReason).toMatch(/no source queue.*DestinationArn/);
    expect(await depth(queues.dlqUrl)).toBe(1);
  });

  it('answers AWS errors: unknown queues and handles, a source that is no DLQ, a bad ARN or rate, source = destination', async () => {
    const queues = await queueWithDlq();
    const code = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: SQSServiceException) => `${error.name}: ${error.message}`);

    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('missing-queue') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('missing-queue') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'bm9wZQ==' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(await code(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.source) })))).toBe('InvalidParameterValue: Source queue must be configured as a Dead Letter Queue.');
    expect(await code(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: queues.dlq })))).toMatch(/^InvalidParameterValue: You must use this format to specify the SourceArn/);
    expect(await code(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq), MaxNumberOfMessagesPerSecond: 501 })))).toMatch(/^InvalidParameterValue: .*MaxNumberOfMessagesPerSecond/);
    expect(await code(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq), DestinationArn: arnOf(queues.dlq) })))).toBe(
      'InvalidParameterValue: Source queue arn and destination queue arn cannot be the same.',
    );
    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf(queues.dlq), DestinationArn: arnOf('missing-queue') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('speaks awsQuery too: ListMessageMoveTasksResultEntry elements', async () => {
    const queues = await queueWithDlq();
    await deadLetter(queues, ['q']);
    const form = (body: string) => postQuery(`${local.server.url}/`, `${body}&Version=2012-11-05`, { service: 'sqs' });

    const started = await form(`Action=StartMessageMoveTask&SourceArn=${encodeURIComponent(arnOf(queues.dlq))}`);
    expect(started.status, started.xml).toBe(200);
    expect(text(started.xml, 'TaskHandle')).toBeTruthy();
    const listed = await waitFor(async () => {
      const answer = await form(`Action=ListMessageMoveTasks&SourceArn=${encodeURIComponent(arnOf(queues.dlq))}&MaxResults=10`);
      expect(text(answer.xml, 'Status')).toBe('COMPLETED');
      return answer;
    });
    expect(texts(listed.xml, 'ListMessageMoveTasksResultEntry')).toHaveLength(1);
    expect(text(listed.xml, 'ApproximateNumberOfMessagesMoved')).toBe('1');
  });
});
