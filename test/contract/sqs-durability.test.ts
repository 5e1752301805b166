import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testCredentials } from '../support/cloud.ts';
import { startLocalSqs } from '../support/local-sqs.ts';

const tmp = mkdtempSync(join(tmpdir(), 'eventloom-sqs-'));
const stops: (() => Promise<void>)[] = [];

/** A local SQS endpoint over a state database file, stopped after the test (if the test has not). */
async function startSqs(file: string) {
  const local = await startLocalSqs(file);
  stops.push(() => local.stop());
  return local;
}

/** The same endpoint in a child process, so the test can kill -9 it. */
async function startChildSqs(file: string) {
  const script = `
    const { startLocalSqs } = await import('${new URL('../support/local-sqs.ts', import.meta.url).href}');
    const { server } = await startLocalSqs(process.env.SQS_STATE_FILE);
    process.stdout.write(server.url + '\\n');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, SQS_STATE_FILE: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const kill9 = async () => {
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  };
  stops.push(kill9);
  return { client: new SQSClient({ endpoint: url, region: 'us-east-1', credentials: testCredentials }), kill9 };
}

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('SQS contract: durability', () => {
  it('keeps messages across a restart; in-flight ones reappear after their timeout', async () => {
    const file = join(tmp, 'restart.db');
    const before = await startSqs(file);
    const { QueueUrl } = await before.client.send(new CreateQueueCommand({ QueueName: 'durable' }));
    await before.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in flight' }));
    await before.client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 1 }));
    await before.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'waiting' }));
    await before.stop();

    const { client: sqs } = await startSqs(file);
    const { QueueUrl: reopenedUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'durable' }));
    const immediately = await sqs.send(new ReceiveMessageCommand({ QueueUrl: reopenedUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    expect(immediately.Messages?.map((m) => m.Body)).toEqual(['waiting']);
    const later = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: reopenedUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(later.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['in flight', '2']]);
  });

  it('loses no acknowledged message when the process is killed with SIGKILL', async () => {
    const file = join(tmp, 'kill9.db');
    const child = await startChildSqs(file);
    const { QueueUrl } = await child.client.send(new CreateQueueCommand({ QueueName: 'crash' }));
    for (let i = 0; i < 25; i++) await child.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    child.client.destroy();
    await child.kill9();

    const { client: sqs } = await startSqs(file);
    const { QueueUrl: reopenedUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'crash' }));
    const bodies: string[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: reopenedUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
      if (Messages.length === 0) break;
      bodies.push(...Messages.map((m) => m.Body as string));
    }
    expect(bodies.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`).sort());
  });
});
