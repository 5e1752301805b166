import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { loadTemplate } from '../../src/local-cloud/templates/index.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const template = fileURLToPath(new URL('./fixture/template.yaml', import.meta.url));
const stackName = 'tpl-fixture';

// A hand-written SAM template through the whole path: load, transform, names, intrinsics, deploy,
// then the app's own flow (SQS → function → table → stream → function → bus → rule → queue) and its outputs.
describe('a SAM template deployed on the local cloud', () => {
  let cloud: LocalCloud;
  let sqs: SQSClient;
  const config = () => ({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [], stacks: [await loadTemplate(template, { stackName })] });
    sqs = new SQSClient(config());
  });

  afterAll(async () => {
    sqs?.destroy();
    await cloud?.stop();
  });

  it('names resources as CloudFormation does: the explicit name, else <stack>-<LogicalId>-<SUFFIX>', () => {
    const outputs = cloud.outputs[stackName]!;
    expect(outputs.ResultsQueueName).toBe(`${stackName}-results`);
    expect(outputs.ItemsTable).toMatch(new RegExp(`^${stackName}-Items-[A-Z0-9]{12}$`));
    expect(outputs.WorkQueueUrl).toMatch(new RegExp(`^${cloud.url}/000000000000/${stackName}-Work-[A-Z0-9]{12}$`));
  });

  it('rewrites an API URL built the AWS way to the local one, and serves the implicit HTTP API', async () => {
    const apiUrl = cloud.outputs[stackName]!.ApiUrl!;
    expect(apiUrl).toMatch(new RegExp(`^${cloud.url}/apis/[a-z0-9]{10}/$`));
    const response = await fetch(`${apiUrl}hello/world`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'world', route: 'GET /hello/{name}' });
  });

  it('runs the flow: SQS mapping → table → filtered stream mapping → bus → rule with InputPath → queue', async () => {
    const outputs = cloud.outputs[stackName]!;
    await sqs.send(new SendMessageCommand({ QueueUrl: outputs.WorkQueueUrl, MessageBody: 'item-1' }));
    const resultsUrl = `${cloud.url}/000000000000/${outputs.ResultsQueueName}`;
    const body = await waitFor(async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: resultsUrl, WaitTimeSeconds: 1 }));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: resultsUrl, ReceiptHandle: message.ReceiptHandle }));
      if (!Messages[0]?.Body) throw new Error('no message yet');
      return Messages[0].Body;
    }, { timeoutMs: 30_000, description: 'the event on the results queue' });
    expect(JSON.parse(body)).toEqual({ id: 'item-1' });
  });

  it('serves the stack, its outputs and resources through CloudFormation, and the functions\' lines through CloudWatch Logs', async () => {
    const cloudFormation = new CloudFormationClient(config());
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    expect(Stacks[0]?.StackStatus).toBe('CREATE_COMPLETE');
    expect(Stacks[0]?.Outputs?.map((o) => o.OutputKey).sort()).toEqual(['ApiUrl', 'ItemsTable', 'ResultsQueueName', 'WorkQueueUrl']);
    const { StackResourceSummaries = [] } = await cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName }));
    const types = new Map(StackResourceSummaries.map((r) => [r.LogicalResourceId, r.ResourceType]));
    expect(types.get('Worker')).toBe('AWS::Lambda::Function');
    expect(types.get('WorkerFromWork')).toBe('AWS::Lambda::EventSourceMapping');
    expect(types.get('ServerlessHttpApi')).toBe('AWS::ApiGatewayV2::Api');
    cloudFormation.destroy();

    const publisher = StackResourceSummaries.find((r) => r.LogicalResourceId === 'Publisher')!.PhysicalResourceId!;
    const logs = new CloudWatchLogsClient(config());
    await waitFor(async () => {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${publisher}`, filterPattern: '"publishing item-1"' }));
      return events.length > 0;
    }, { timeoutMs: 20_000, description: 'the publisher\'s log line' });
    logs.destroy();
  });
});
