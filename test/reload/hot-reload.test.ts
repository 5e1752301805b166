import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startHotReload, type HotReload } from '../../src/local-cloud/reload/index.ts';
import { loadTemplate } from '../../src/local-cloud/templates/index.ts';
import { dynamoDbClient, startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const stackName = 'reload-fixture';
const table = `reload-${process.pid}-processed`;

// A small SAM app copied to a temp folder, edited while the cloud runs, as a developer would.
const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs20.x, Timeout: 10, CodeUri: src/ }
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties: { QueueName: reload-jobs, VisibilityTimeout: 120 }
  Held:
    Type: AWS::SQS::Queue
    Properties: { QueueName: reload-held }
  Processed:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: ${table}
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      BillingMode: PAY_PER_REQUEST
  Echo:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: reload-echo, Handler: echo.handler }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: reload-worker
      Handler: worker.handler
      Environment: { Variables: { TABLE: !Ref Processed } }
      Events:
        FromJobs: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 1 } }
`;
const echo = (version: string) => `import { label } from './lib/label.mjs';
export const handler = async () => ({ handler: '${version}', label: label() });
`;
const label = (value: string) => `export const label = () => '${value}';\n`;
// Counts every time it processes a message: a reload must neither lose one nor run one twice.
const worker = (version: string) => `import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (event) => {
  for (const record of event.Records) {
    await client.send(new UpdateItemCommand({
      TableName: process.env.TABLE, Key: { pk: { S: record.body } },
      UpdateExpression: 'ADD runs :one SET version = :version',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':version': { S: '${version}' } },
    }));
  }
};
`;

describe('hot reload of a template app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-reload-'));
  const templatePath = join(dir, 'template.yaml');
  const lines: string[] = [];
  let cloud: LocalCloud;
  let reload: HotReload;
  let sqs: SQSClient;
  const load = async () => [await loadTemplate(templatePath, { stackName })];
  const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

  beforeAll(async () => {
    mkdirSync(join(dir, 'src/lib'), { recursive: true });
    write('template.yaml', template);
    write('src/echo.mjs', echo('v1'));
    write('src/lib/label.mjs', label('first'));
    write('src/worker.mjs', worker('v1'));
    cloud = await startTestCloud({ apps: [], stacks: await load() });
    reload = await startHotReload(cloud, { stackFiles: [templatePath], loadStacks: load, log: (line) => lines.push(line), debounceMs: 50 });
    sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
  });

  afterAll(async () => {
    reload?.close();
    sqs?.destroy();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const invokeEcho = async () => {
    const result = await cloud.services.runner.invoke('reload-echo', {});
    if (!result.ok) throw new Error(result.error.errorMessage);
    return result.payload as { handler: string; label: string };
  };
  const send = (from: number, to: number) =>
    Promise.all(Array.from({ length: to - from }, (_, i) => sqs.send(new SendMessageCommand({ QueueUrl: `${cloud.url}/000000000000/reload-jobs`, MessageBody: `job-${from + i}` }))));

  it('runs the new code of an edited handler and of an edited module it imports, losing and repeating no queued message', async () => {
    // Prepare
    expect(await invokeEcho()).toEqual({ handler: 'v1', label: 'first' });
    await send(0, 10);

    // Act: edit the handler, then a module it imports, while messages keep coming
    write('src/echo.mjs', echo('v2'));
    write('src/worker.mjs', worker('v2'));
    await send(10, 20);
    await waitFor(async () => expect(await invokeEcho()).toEqual({ handler: 'v2', label: 'first' }), { timeoutMs: 20_000, description: 'the edited handler' });
    write('src/lib/label.mjs', label('second'));
    await send(20, 30);
    await waitFor(async () => expect(await invokeEcho()).toEqual({ handler: 'v2', label: 'second' }), { timeoutMs: 20_000, description: 'the edited import' });

    // Assess: every message processed exactly once, the last ones by the new worker
    const ddb = dynamoDbClient();
    try {
      const items = await waitFor(
        async () => {
          const { Items = [] } = await ddb.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
          return Items.length === 30 && Items;
        },
        { timeoutMs: 60_000, description: '30 processed messages' },
      );
      expect(items.map((item) => item.runs?.N)).toEqual(Array(30).fill('1'));
      expect(items.find((item) => item.pk?.S === 'job-29')?.version?.S).toBe('v2');
    } finally {
      ddb.destroy();
    }
    expect(lines.some((line) => /^reloaded .*reload-echo.* \(handler changed\) in \d+ ms$/.test(line))).toBe(true);
    expect(lines.some((line) => /^reloaded reload-echo \(.*label\.mjs changed\) in \d+ ms$/.test(line))).toBe(true);
  });

  it('deploys a queue added to the template, and an existing queue keeps its messages', async () => {
    // Prepare
    await sqs.send(new SendMessageCommand({ QueueUrl: `${cloud.url}/000000000000/reload-held`, MessageBody: 'kept' }));

    // Act
    write('template.yaml', `${template}  Added:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: reload-added }\n`);

    // Assess
    await waitFor(() => sqs.send(new GetQueueUrlCommand({ QueueName: 'reload-added' })), { timeoutMs: 20_000, description: 'the added queue' });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${cloud.url}/000000000000/reload-held`, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
    await waitFor(() => lines.some((line) => line.startsWith(`reloaded: redeployed ${stackName} (`)), { description: 'the redeploy line' });
    expect(readFileSync(templatePath, 'utf8')).toContain('reload-added');
  });
});
