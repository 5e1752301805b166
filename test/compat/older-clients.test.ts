import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { defineApp } from '../../src/platform/topology/define.ts';
import { startTestCloud } from '../support/cloud.ts';

// Clients nobody here wrote, as Debian ships them: AWS CLI 2.9 (/usr/bin/aws) and boto3 1.26 for
// /usr/bin/python3 speak SQS's awsQuery protocol and CloudFormation's. `.ci/run` installs them
// (apt-get install awscli python3-boto3) when missing; without them these tests are skipped.
const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

const cliMissing = existsSync(AWS) ? undefined : `${AWS} is not installed (apt-get install awscli)`;
const boto3Missing = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3']).status === 0 ? undefined : `boto3 is not installed for ${PYTHON} (apt-get install python3-boto3)`;
const skipped = (reason: string | undefined) => (reason ? ` (skipped: ${reason})` : '');

const appName = `compat-${randomUUID().slice(0, 6)}`;
const app = defineApp({
  name: appName,
  tables: { items: { partitionKey: { name: 'pk', type: 'S' }, nameEnv: 'ITEMS_TABLE_NAME' } },
  queues: { work: {} },
  functions: { api: { handler: 'test/fixtures/functions/http.ts#echoHandler', timeoutSeconds: 5 } },
  httpApis: { items: { routes: [{ route: 'GET /items', function: 'api' }], baseUrlEnv: 'ITEMS_API_BASE_URL' } },
});

let cloud: LocalCloud | undefined;
/** Only the region and dummy keys: no profile, config file or endpoint variable of the machine leaks in. */
const clientEnv = () => {
  const home = mkdtempSync(join(tmpdir(), 'eventloom-compat-'));
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  };
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs /usr/bin/aws itself. */
async function aws(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(AWS, ['--endpoint-url', cloud!.url, ...args], { env: clientEnv(), timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs several AWS CLI commands in one process (aws-cli.py: the CLI's own driver), to spare a start-up each. */
async function awsMany(...commands: string[][]): Promise<CliResult[]> {
  const child = execFile(PYTHON, [script('aws-cli.py')], { env: clientEnv(), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  child.stdin!.end(JSON.stringify(commands.map((args) => ['--endpoint-url', cloud!.url, ...args])));
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`aws-cli.py exited with ${code}`))));
  });
  return JSON.parse(stdout) as CliResult[];
}

const json = (result: CliResult): Record<string, unknown> => {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim() ? (JSON.parse(result.stdout) as Record<string, unknown>) : {};
};

beforeAll(async () => {
  if (cliMissing && boto3Missing) return;
  cloud = await startTestCloud({ apps: [app] });
}, 120_000);

afterAll(() => cloud?.stop());

describe.skipIf(Boolean(cliMissing))(`AWS CLI ${AWS}${skipped(cliMissing)}`, () => {
  it("runs the README's first example, `aws --endpoint-url … sqs list-queues`", async () => {
    const listed = json(await aws('sqs', 'list-queues', '--queue-name-prefix', appName));

    expect(listed).toEqual({ QueueUrls: [`${cloud!.url}/000000000000/${appName}-work`] });
  });

  it('serves every kind of SQS request the CLI serializes, and answers errors with their query codes', async () => {
    const name = `${appName}-cli`;
    const url = `${cloud!.url}/000000000000/${name}`;
    const [created, attributes, tagged, tags, sent, batch, received] = await awsMany(
      ['sqs', 'create-queue', '--queue-name', name, '--attributes', 'VisibilityTimeout=30,DelaySeconds=0', '--tags', 'team=shop,owner=me'],
      ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'VisibilityTimeout', 'QueueArn'],
      ['sqs', 'untag-queue', '--queue-url', url, '--tag-keys', 'owner'],
      ['sqs', 'list-queue-tags', '--queue-url', url],
      ['sqs', 'send-message', '--queue-url', url, '--message-body', 'hello', '--message-attributes', '{"kind":{"DataType":"String","StringValue":"order"}}'],
      ['sqs', 'send-message-batch', '--queue-url', url, '--entries', '[{"Id":"a","MessageBody":"one"},{"Id":"b","MessageBody":"two"}]'],
      ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--attribute-names', 'All', '--message-attribute-names', 'All'],
    );
    expect(json(created!)).toEqual({ QueueUrl: url });
    expect(json(attributes!)).toEqual({ Attributes: { VisibilityTimeout: '30', QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}` } });
    json(tagged!);
    expect(json(tags!)).toEqual({ Tags: { team: 'shop' } });
    expect(json(sent!)).toMatchObject({ MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592', MessageId: expect.any(String) });
    expect((json(batch!).Successful as unknown[]).length).toBe(2);
    const messages = json(received!).Messages as { Body: string; ReceiptHandle: string; MessageAttributes?: unknown; Attributes?: Record<string, string> }[];
    expect(messages.map((m) => m.Body).sort()).toEqual(['hello', 'one', 'two']);
    expect(messages.find((m) => m.Body === 'hello')).toMatchObject({ MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } }, Attributes: { SenderId: '000000000000' } });

    const handle = (body: string) => messages.find((m) => m.Body === body)!.ReceiptHandle;
    const [changed, changedBatch, deleted, deletedBatch, purged, purgedAgain, missing, removed] = await awsMany(
      ['sqs', 'change-message-visibility', '--queue-url', url, '--receipt-handle', handle('hello'), '--visibility-timeout', '60'],
      ['sqs', 'change-message-visibility-batch', '--queue-url', url, '--entries', JSON.stringify([{ Id: 'x', ReceiptHandle: handle('one'), VisibilityTimeout: 0 }])],
      ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', handle('hello')],
      ['sqs', 'delete-message-batch', '--queue-url', url, '--entries', JSON.stringify([{ Id: 'y', ReceiptHandle: handle('two') }, { Id: 'z', ReceiptHandle: 'garbage' }])],
      ['sqs', 'purge-queue', '--queue-url', url],
      ['sqs', 'purge-queue', '--queue-url', url],
      ['sqs', 'get-queue-url', '--queue-name', `${appName}-missing`],
      ['sqs', 'delete-queue', '--queue-url', url],
    );
    json(changed!);
    expect(json(changedBatch!)).toEqual({ Successful: [{ Id: 'x' }] });
    json(deleted!);
    expect(json(deletedBatch!)).toMatchObject({ Successful: [{ Id: 'y' }], Failed: [{ Id: 'z', Code: 'ReceiptHandleIsInvalid', SenderFault: true }] });
    json(purged!);
    expect(purgedAgain!.code).toBe(254);
    expect(purgedAgain!.stderr).toContain('(AWS.SimpleQueueService.PurgeQueueInProgress)');
    expect(missing!.stderr).toContain('(AWS.SimpleQueueService.NonExistentQueue)');
    json(removed!);
  });

  it('`aws cloudformation describe-stacks` shows the app stack with its outputs', async () => {
    const described = json(await aws('cloudformation', 'describe-stacks', '--stack-name', appName));
    const resources = json(await aws('cloudformation', 'list-stack-resources', '--stack-name', appName));

    expect(described.Stacks).toEqual([
      expect.objectContaining({
        StackName: appName,
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [
          { OutputKey: 'ItemsApiBaseUrl', OutputValue: cloud!.apiUrl(appName, 'items'), Description: 'ITEMS_API_BASE_URL' },
          { OutputKey: 'ItemsTableName', OutputValue: `${appName}-items`, Description: 'ITEMS_TABLE_NAME' },
        ],
      }),
    ]);
    expect((resources.StackResourceSummaries as { LogicalResourceId: string }[]).map((r) => r.LogicalResourceId)).toEqual([
      'ItemsTable',
      'WorkQueue',
      'ApiFunction',
      'ItemsHttpApi',
    ]);
  });

  it('`aws lambda list-functions` lists the functions; an unknown one is ResourceNotFoundException', async () => {
    const listed = json(await aws('lambda', 'list-functions'));
    const missing = await aws('lambda', 'get-function', '--function-name', `${appName}-missing`);

    expect((listed.Functions as { FunctionName: string }[]).map((f) => f.FunctionName)).toContain(`${appName}-api`);
    expect(missing.stderr).toContain('(ResourceNotFoundException)');
  });
});

describe.skipIf(Boolean(boto3Missing))(`boto3 for ${PYTHON}${skipped(boto3Missing)}`, () => {
  it('runs every SQS operation, with AWS’s query error codes', async () => {
    const prefix = `${appName}-b3`;
    const { stdout } = await run(PYTHON, [script('boto3-sqs.py'), cloud!.url, prefix], { env: clientEnv(), timeout: 120_000 });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    const url = (suffix: string) => `${cloud!.url}/000000000000/${prefix}-${suffix}`;

    expect(report).toMatchObject({
      createQueue: url('main'),
      getQueueUrl: url('main'),
      listQueues: [url('dlq'), url('main')],
      listQueuesPage: { QueueUrls: [url('dlq')], NextToken: expect.any(String) },
      getQueueAttributes: { VisibilityTimeout: '30', ReceiveMessageWaitTimeSeconds: '1', RedrivePolicy: expect.stringContaining(`${prefix}-dlq`) },
      listDeadLetterSourceQueues: [url('main')],
      listQueueTags: { team: 'orders', stage: 'dev' },
      sendMessage: { MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/), MD5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/) },
      changeMessageVisibilityBatch: { Successful: [{ Id: 'a' }], Failed: [{ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true }] },
      deleteMessageBatch: { Successful: [{ Id: 'one' }], Failed: [{ Id: 'two', Code: 'ReceiptHandleIsInvalid' }] },
      errors: {
        purgeAgain: { code: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
        missingQueue: { code: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
        queueExists: { code: 'QueueAlreadyExists', status: 400 },
        badReceiptHandle: { code: 'ReceiptHandleIsInvalid', status: 404 },
        badParameter: { code: 'InvalidParameterValue', status: 400 },
        idsNotDistinct: { code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
        emptyBatch: { code: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
      },
      afterDelete: [],
      purgeFresh: null,
    });
    const received = report.receiveMessage as { Body: string; MessageAttributes?: Record<string, unknown>; Attributes: Record<string, string> }[];
    expect(received.map((m) => m.Body).sort()).toEqual(['batch a', 'batch b', 'line one\r\nline <two> & "three"']);
    expect(received.find((m) => m.Body.startsWith('line'))?.MessageAttributes).toEqual({
      kind: { StringValue: 'order', DataType: 'String' },
      raw: { BinaryValue: '000102', DataType: 'Binary' },
    });
    expect(received[0]?.Attributes).toMatchObject({ SenderId: '000000000000', ApproximateReceiveCount: '1' });
  });
});
