import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  paginateFilterLogEvents,
  paginateGetLogEvents,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  type FilterLogEventsCommandInput,
  type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

// CloudWatch Logs for Lambda through the real @aws-sdk/client-cloudwatch-logs against a test cloud.
const printer = `${fileURLToPath(new URL('../fixtures/functions/logger.ts', import.meta.url))}#handler`;
const app: AppDef = { name: 'cwlogs', functions: { printer: { handler: printer }, flood: { handler: printer } } };
const GROUP = '/aws/lambda/cwlogs-printer';
const MAX_EVENTS = 60;

let cloud: LocalCloud;
let logs: CloudWatchLogsClient;
let lambda: LambdaClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [app], logRetention: { maxEventsPerGroup: MAX_EVENTS } });
  const config = { endpoint: cloud.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS!, region: 'us-east-1', credentials: testCredentials };
  logs = new CloudWatchLogsClient(config);
  lambda = new LambdaClient({ ...config, endpoint: cloud.url });
  for (const orderId of ['o-1', 'o-2']) {
    const { FunctionError } = await lambda.send(new InvokeCommand({ FunctionName: 'cwlogs-printer', Payload: JSON.stringify({ orderId }) }));
    expect(FunctionError).toBeUndefined();
  }
});

afterAll(async () => {
  logs?.destroy();
  lambda?.destroy();
  await cloud?.stop();
});

async function filter(input: Omit<FilterLogEventsCommandInput, 'logGroupName'>): Promise<string[]> {
  const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, ...input }));
  return events.map((event) => event.message!);
}

describe("a function's log group", () => {
  it('exists under /aws/lambda/<function> with one stream per sandbox, named as AWS names them', async () => {
    // Act
    const { logGroups = [] } = await waitFor(() => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/cwlogs-' })));
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'PRINTER' }));
    const { logStreams = [] } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true }));

    // Assess
    // Every function's group exists from its deploy (as a stack declaring it would have it); the printer's is among them.
    expect(logGroups.map((group) => group.logGroupName)).toContain(GROUP);
    expect(logGroups.find((group) => group.logGroupName === GROUP)).toMatchObject({ arn: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:*`, creationTime: expect.any(Number) });
    expect(byPattern.logGroups?.map((group) => group.logGroupName)).toEqual([GROUP]);
    expect(logStreams).toHaveLength(1);
    expect(logStreams[0]).toMatchObject({ logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/), lastEventTimestamp: expect.any(Number) });
  });

  it('holds START, every printed line and END/REPORT, read to the end with GetLogEvents pages', async () => {
    // Prepare
    const { logStreams = [] } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    const logStreamName = logStreams[0]!.logStreamName!;

    // Act: the SDK's paginator stops when the forward token comes back unchanged
    const events: OutputLogEvent[] = [];
    let pages = 0;
    const paginator = paginateGetLogEvents({ client: logs, pageSize: 4, stopOnSameToken: true }, { logGroupName: GROUP, logStreamName, startFromHead: true });
    for await (const page of paginator) {
      events.push(...(page.events ?? []));
      if (++pages > 50) throw new Error('GetLogEvents pagination did not terminate');
    }

    // Assess
    const messages = events.map((event) => event.message!);
    expect(messages.filter((message) => message.startsWith('START RequestId: '))).toHaveLength(2);
    expect(messages.filter((message) => message.startsWith('END RequestId: '))).toHaveLength(2);
    const reports = messages.filter((message) => message.startsWith('REPORT RequestId: '));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t\n$/);
    expect(reports[1]).not.toContain('Init Duration');
    const requestId = /START RequestId: (\S+)/.exec(messages.find((message) => message.startsWith('START'))!)![1]!;
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^\\S+Z\\t${requestId}\\tINFO\\thello world\\n$`)));
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`\\t${requestId}\\tERROR\\tpayment failed:\\n  card declined\\n$`)));
    expect(messages).toContain('raw line\n');
    expect(pages).toBeLessThan(20);
  });

  it('FilterLogEvents finds terms, phrases, alternatives, exclusions and JSON patterns', async () => {
    expect(await filter({ filterPattern: 'careful' })).toHaveLength(2);
    expect(await filter({ filterPattern: '"card declined"' })).toEqual([expect.stringContaining('\tERROR\tpayment failed:'), expect.stringContaining('\tERROR\tpayment failed:')]);
    expect(await filter({ filterPattern: '?WARN ?DEBUG' })).toHaveLength(4);
    expect(await filter({ filterPattern: 'RequestId -START -END' })).toEqual([expect.stringMatching(/^REPORT/), expect.stringMatching(/^REPORT/)]);
    expect(await filter({ filterPattern: '{ $.level = "ERROR" && $.count > 5 }' })).toEqual([
      '{"level":"ERROR","count":7,"message":"structured"}\n',
      '{"level":"ERROR","count":7,"message":"structured"}\n',
    ]);
    expect(await filter({ filterPattern: '{ $.level = "INFO" || $.count > 5 }' })).toHaveLength(4);
  });

  it('FilterLogEvents pages with nextToken until done, in time order, and names the streams it searched', async () => {
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    const paged: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 3 }, { logGroupName: GROUP })) {
      paged.push(...(page.events ?? []).map((event) => event.eventId!));
      if (++pages > 50) throw new Error('FilterLogEvents pagination did not terminate');
    }

    expect(paged).toEqual(all.events?.map((event) => event.eventId));
    expect(pages).toBeGreaterThan(5);
    const timestamps = all.events!.map((event) => event.timestamp!);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(all.searchedLogStreams).toEqual([{ logStreamName: all.events![0]!.logStreamName, searchedCompletely: true }]);
  });

  it('FilterLogEvents takes a time range and the group by identifier (ARN)', async () => {
    const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'REPORT' }));
    const second = events[1]!.timestamp!;

    const { events: later = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}`, filterPattern: 'REPORT', startTime: second, endTime: second }),
    );

    expect(later.map((event) => event.eventId)).toEqual([events[1]!.eventId]);
  });
});

describe('apps writing their own logs, and errors', () => {
  it('CreateLogGroup, CreateLogStream and PutLogEvents store what GetLogEvents reads back', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'cwlogs/app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'cwlogs/app', logStreamName: 'manual' }));
    const now = Date.now();

    await logs.send(new PutLogEventsCommand({ logGroupName: 'cwlogs/app', logStreamName: 'manual', logEvents: [{ timestamp: now, message: 'one' }, { timestamp: now + 1, message: 'two' }] }));
    const { events = [], nextForwardToken } = await logs.send(new GetLogEventsCommand({ logGroupName: 'cwlogs/app', logStreamName: 'manual', startFromHead: true }));
    const again = await logs.send(new GetLogEventsCommand({ logGroupName: 'cwlogs/app', logStreamName: 'manual', nextToken: nextForwardToken }));

    expect(events.map((event) => event.message)).toEqual(['one', 'two']);
    expect(again).toMatchObject({ events: [], nextForwardToken });
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: 'cwlogs/app' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it("answers with the SDK's exception classes and AWS's messages", async () => {
    const missing = logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nope' }));
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(missing).rejects.toThrow('The specified log group does not exist.');
    await expect(logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' }))).rejects.toThrow('The specified log stream does not exist.');
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = ' }))).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, limit: 51 }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('answers an operation it does not serve with 501 NotImplemented', async () => {
    const response = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutMetricFilter' },
      body: JSON.stringify({ logGroupName: GROUP, filterName: 'errors', filterPattern: 'ERROR', metricTransformations: [] }),
    });

    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ __type: 'com.amazonaws.cloudwatchlogs#NotImplemented' });
  });
});

describe('retention', () => {
  it(`keeps at most ${MAX_EVENTS} events per group, the newest`, async () => {
    // Act: each invocation writes 11 events
    for (let index = 0; index < 12; index++) await lambda.send(new InvokeCommand({ FunctionName: 'cwlogs-flood', Payload: JSON.stringify({ orderId: `o-${index}` }) }));

    // Assess
    const group = '/aws/lambda/cwlogs-flood';
    const { events = [] } = await waitFor(async () => {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
      return page.events?.some((event) => event.message?.includes("orderId: 'o-11'")) ? page : false;
    });
    expect(events.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(events.length).toBeGreaterThan(MAX_EVENTS / 2);
    expect(events.at(-1)?.message).toMatch(/^REPORT RequestId: /);
    expect(events.some((event) => event.message?.includes("orderId: 'o-0'"))).toBe(false);
  });
});
