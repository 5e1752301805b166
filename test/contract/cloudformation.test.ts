import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudFormationApi, stackArn } from '../../src/local-cloud/cloudformation/index.ts';
import type { StackRecord } from '../../src/local-cloud/deploy/stack-record.ts';
import { StackRecords } from '../../src/local-cloud/deploy/stack-registry.ts';
import { handleAwsQuery, listen, type RunningServer } from '../../src/local-cloud/protocol/index.ts';
import { elements, postQuery, queryError, text } from '../support/query.ts';
import { testCredentials } from '../support/cloud.ts';

// CloudFormation's stack API through the real @aws-sdk/client-cloudformation (awsQuery) over the
// cloud's stack registry holding a template-like stack (parameters, exports, 250 resources) and a small one.
let big: StackRecord = {
  name: `sqs-lambda-${randomUUID().slice(0, 6)}`,
  stackId: stackArn('sqs-lambda'),
  description: 'SQS to Lambda pattern',
  createdAt: new Date(),
  parameters: [{ key: 'Stage', value: 'dev' }],
  outputs: [
    { key: 'QueueUrl', value: 'http://127.0.0.1:4566/000000000000/jobs', description: 'The queue', exportName: 'jobs-url' },
    { key: 'FunctionName', value: 'consumer' },
  ],
  resources: Array.from({ length: 250 }, (_, i) => ({ logicalId: `Queue${i}`, physicalId: `http://127.0.0.1:4566/000000000000/q${i}`, type: 'AWS::SQS::Queue' })),
};
let small: StackRecord = { name: 'small', stackId: stackArn('small'), createdAt: new Date(), parameters: [], outputs: [], resources: [{ logicalId: 'Fn', physicalId: 'fn', type: 'AWS::Lambda::Function' }] };
/** When the registry took the big stack (it stamps each record). */
let createdAt: Date;

let server: RunningServer;
let cloudformation: CloudFormationClient;

beforeAll(async () => {
  const stacks = new StackRecords();
  big = stacks.add(big);
  small = stacks.add(small);
  createdAt = big.createdAt;
  const api = createCloudFormationApi(stacks);
  const app = new Hono();
  app.post('*', (c) => handleAwsQuery([api], c.req.raw));
  server = await listen(app);
  cloudformation = new CloudFormationClient({ endpoint: server.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
});

afterAll(async () => {
  cloudformation?.destroy();
  await server?.close();
});

describe('CloudFormation contract: stacks', () => {
  it('DescribeStacks by name answers CREATE_COMPLETE, outputs, parameters and the creation time', async () => {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: big.name }));

    expect(Stacks).toEqual([
      {
        StackId: big.stackId,
        StackName: big.name,
        Description: 'SQS to Lambda pattern',
        Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'dev' }],
        CreationTime: createdAt,
        StackStatus: 'CREATE_COMPLETE',
        DisableRollback: false,
        NotificationARNs: [],
        Outputs: [
          { OutputKey: 'QueueUrl', OutputValue: 'http://127.0.0.1:4566/000000000000/jobs', Description: 'The queue', ExportName: 'jobs-url' },
          { OutputKey: 'FunctionName', OutputValue: 'consumer' },
        ],
        Tags: [],
        EnableTerminationProtection: false,
        DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
      },
    ]);
  });

  it('DescribeStacks without a name lists every stack; by stack id finds it too', async () => {
    const all = await cloudformation.send(new DescribeStacksCommand({}));
    const byId = await cloudformation.send(new DescribeStacksCommand({ StackName: small.stackId }));

    expect(all.Stacks?.map((s) => s.StackName)).toEqual([big.name, 'small']);
    expect(byId.Stacks?.map((s) => s.StackName)).toEqual(['small']);
    expect(byId.Stacks?.[0]?.Outputs).toBeUndefined();
  });

  it('answers ValidationError (400) "Stack with id X does not exist" for an unknown stack', async () => {
    const missing = cloudformation.send(new DescribeStacksCommand({ StackName: 'nope' }));

    await expect(missing).rejects.toBeInstanceOf(CloudFormationServiceException);
    await expect(missing).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id nope does not exist', $metadata: { httpStatusCode: 400 } });
    await expect(cloudformation.send(new DescribeStackResourceCommand({ StackName: 'small', LogicalResourceId: 'Nope' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Resource Nope does not exist for stack small',
    });
  });

  it('ListStacks answers summaries, filtered by StackStatusFilter', async () => {
    const { StackSummaries } = await cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] }));
    const deleted = await cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));

    expect(StackSummaries?.[0]).toEqual({
      StackId: big.stackId,
      StackName: big.name,
      TemplateDescription: 'SQS to Lambda pattern',
      CreationTime: createdAt,
      StackStatus: 'CREATE_COMPLETE',
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    });
    expect(StackSummaries).toHaveLength(2);
    expect(deleted.StackSummaries).toEqual([]);
  });
});

describe('CloudFormation contract: stack resources', () => {
  it('DescribeStackResources by stack, by logical id and by physical id alone', async () => {
    const byLogical = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: big.name, LogicalResourceId: 'Queue7' }));
    const byPhysical = await cloudformation.send(new DescribeStackResourcesCommand({ PhysicalResourceId: 'fn' }));
    const all = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: big.name }));

    expect(byLogical.StackResources).toEqual([
      {
        StackName: big.name,
        StackId: big.stackId,
        LogicalResourceId: 'Queue7',
        PhysicalResourceId: 'http://127.0.0.1:4566/000000000000/q7',
        ResourceType: 'AWS::SQS::Queue',
        Timestamp: createdAt,
        ResourceStatus: 'CREATE_COMPLETE',
        DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
      },
    ]);
    expect(byPhysical.StackResources?.map((r) => [r.StackName, r.LogicalResourceId])).toEqual([['small', 'Fn']]);
    expect(all.StackResources).toHaveLength(250);
    await expect(cloudformation.send(new DescribeStackResourcesCommand({}))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('DescribeStackResource answers the resource detail', async () => {
    const { StackResourceDetail } = await cloudformation.send(new DescribeStackResourceCommand({ StackName: 'small', LogicalResourceId: 'Fn' }));

    expect(StackResourceDetail).toEqual({
      StackName: 'small',
      StackId: small.stackId,
      LogicalResourceId: 'Fn',
      PhysicalResourceId: 'fn',
      ResourceType: 'AWS::Lambda::Function',
      LastUpdatedTimestamp: small.createdAt,
      ResourceStatus: 'CREATE_COMPLETE',
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    });
  });

  it('ListStackResources pages at 100 with NextToken', async () => {
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateListStackResources({ client: cloudformation }, { StackName: big.name })) {
      pages.push(page.StackResourceSummaries?.length ?? 0);
      ids.push(...(page.StackResourceSummaries ?? []).map((r) => r.LogicalResourceId!));
    }

    expect(pages).toEqual([100, 100, 50]);
    expect(ids).toEqual(big.resources.map((r) => r.logicalId));
  });
});

describe('CloudFormation over awsQuery: the XML older clients parse', () => {
  it('wraps lists in member elements inside DescribeStacksResult', async () => {
    const answer = await postQuery(server.url, `Action=DescribeStacks&Version=2010-05-15&StackName=small`);

    expect(answer.xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><DescribeStacksResponse xmlns="http:\/\/cloudformation.amazonaws.com\/doc\/2010-05-15\/"><DescribeStacksResult><Stacks><member><StackId>/,
    );
    const [stack] = elements(answer.xml, 'member');
    expect(text(stack!, 'CreationTime')).toBe(small.createdAt.toISOString());
    expect(answer.xml).toMatch(/<\/Stacks><\/DescribeStacksResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeStacksResponse>$/);
  });

  it('answers errors as <ErrorResponse> with Code ValidationError', async () => {
    const answer = await postQuery(server.url, 'Action=ListStackResources&Version=2010-05-15&StackName=nope', { service: 'cloudformation' });

    expect(queryError(answer)).toMatchObject({ status: 400, type: 'Sender', code: 'ValidationError', message: 'Stack with id nope does not exist' });
    expect(answer.xml).toContain('<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">');
  });
});
