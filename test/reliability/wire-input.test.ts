import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { wireApp } from './support.ts';

// Issue 15, F8–F10: the exact requests that answered 500 (or ran Object.prototype members) answer AWS's 400.
const APP = 'wire';
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [wireApp(APP)] });
});

afterAll(async () => {
  await cloud?.stop();
});

async function awsJson(target: string, body: string, version = '1.1'): Promise<{ status: number; type: string | null; message: string }> {
  const response = await fetch(`${cloud.url}/`, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` }, body });
  const json = (await response.json()) as { __type?: string; message?: string };
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), message: json.message ?? '' };
}

const json = (target: string, version: string) => ({ 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` });
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const clientConfig = () => ({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });

describe('F8: EventBridge reads its wire input', () => {
  it.each([
    ['PutEvents', '{"Entries":"x"}', 'SerializationException', 'Entries'],
    ['PutEvents', '{"Entries":[{"Source":123,"DetailType":"t","Detail":"{}"}]}', 'SerializationException', 'Entries[0].Source'],
    ['PutEvents', '{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Time":"yesterday"}]}', 'SerializationException', 'Entries[0].Time'],
    ['PutEvents', '{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Time":1e300}]}', 'ValidationException', 'Entries[0].Time'],
    ['PutEvents', '{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Resources":"r"}]}', 'SerializationException', 'Entries[0].Resources'],
    ['PutTargets', '{"Rule":"wire-all","EventBusName":"wire-bus","Targets":"x"}', 'SerializationException', 'Targets'],
    ['PutTargets', '{"Rule":"wire-all","EventBusName":"wire-bus","Targets":[{"Id":"a","Arn":"b","RetryPolicy":"x"}]}', 'SerializationException', 'Targets[0].RetryPolicy'],
    ['PutRule', '{"Name":{"n":1},"EventPattern":"{}"}', 'SerializationException', 'Name'],
    ['PutRule', '{"Name":"r","EventPattern":"{\\"source\\":[\\"s\\"]}","State":"ON"}', 'ValidationException', 'state'],
    ['RemoveTargets', '{"Rule":"r","Ids":[1]}', 'SerializationException', 'Ids[0]'],
    ['CreateEventBus', '{"Name":"../x"}', 'ValidationException', '/'],
    ['CreateEventBus', `{"Name":"${'b'.repeat(300)}"}`, 'ValidationException', '256'],
  ])('%s %s answers 400 %s naming %s', async (operation, body, type, member) => {
    const answer = await awsJson(`AWSEvents.${operation}`, body);
    expect(answer).toMatchObject({ status: 400, type });
    expect(answer.message).toContain(member);
  });

  it('refuses an event nested 5,000 deep, with a rule on the bus that would have matched it', async () => {
    const detail = JSON.stringify(nested(5_000));
    const answer = await awsJson('AWSEvents.PutEvents', `{"Entries":[{"Source":"s","DetailType":"t","Detail":${detail},"EventBusName":"${APP}-bus"}]}`);
    expect(answer).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(answer.message).toContain('Entries[0].Detail');
    const pattern = await awsJson('AWSEvents.TestEventPattern', JSON.stringify({ EventPattern: '{"source":["s"]}', Event: nested(5_000) }));
    expect(pattern).toMatchObject({ status: 400, type: 'ValidationException' });
  });

  it('refuses a request document itself nested thousands deep (SerializationException)', async () => {
    const resources = `${'['.repeat(3_000)}${']'.repeat(3_000)}`;
    expect(await awsJson('AWSEvents.PutEvents', `{"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Resources":${resources}}]}`)).toMatchObject({ status: 400, type: 'SerializationException' });
    expect(await awsJson('AmazonSQS.ListQueues', `{"QueueNamePrefix":${resources}}`, '1.0')).toMatchObject({ status: 400, type: 'SerializationException' });
  });

  it('gives the SDK its exception classes, and still accepts a good event', async () => {
    const events = new EventBridgeClient(clientConfig());
    await expect(events.send(new CreateEventBusCommand({ Name: '../x' }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    const ok = await events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 't', Detail: nested(100), EventBusName: `${APP}-bus`, Time: new Date() }] }));
    expect(ok.FailedEntryCount).toBe(0);
    events.destroy();
  });
});

describe('F9: X-Amz-Target and Action name operations in own properties only', () => {
  it.each([
    ['AmazonSQS.constructor', '1.0', 'UnknownOperationException'],
    ['AmazonSQS.__proto__', '1.0', 'UnknownOperationException'],
    ['AWSEvents.valueOf', '1.1', 'UnknownOperationException'],
    ['AWSEvents.hasOwnProperty', '1.1', 'UnknownOperationException'],
    ['Logs_20140328.toString', '1.1', 'UnknownOperationException'],
    ['AmazonSQS', '1.0', 'UnknownOperationException'],
  ])('%s answers 400 %s, never 200', async (target, version, type) => {
    expect(await awsJson(target, '{"a":1}', version)).toMatchObject({ status: 400, type });
  });

  it('answers InvalidAction for query Actions like constructor, signed or not', async () => {
    const signed = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x` });
    for (const headers of [{}, signed('sqs'), signed('cloudformation')]) {
      const response = await fetch(`${cloud.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'Action=constructor&Version=2012-11-05' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<Code>InvalidAction</Code>');
    }
  });
});

describe('F10: Lambda Invoke answers 400 for what the synchronous path refused', () => {
  const invoke = (name: string, body: string, type?: string) =>
    fetch(`${cloud.url}/2015-03-31/functions/${name}/invocations`, { method: 'POST', headers: type ? { 'x-amz-invocation-type': type } : {}, body });

  it.each([['RequestResponse'], ['Event']])('a bad percent-encoding in the name (%s)', async (type) => {
    const response = await invoke('wire-noop%ZZ', '{}', type);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
  });

  it.each([['RequestResponse'], ['Event']])('a payload nested 5,000 deep (%s)', async (type) => {
    const response = await invoke(`${APP}-noop`, `${'['.repeat(5_000)}${']'.repeat(5_000)}`, type);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
  });

  it('still runs a good invocation both ways', async () => {
    expect((await invoke(`${APP}-noop`, '{"a":[1]}')).status).toBe(200);
    expect((await invoke(`${APP}-noop`, '{"a":[1]}', 'Event')).status).toBe(202);
  });
});

describe('Scheduler reads its wire types', () => {
  it('answers 400 ValidationException naming a member of the wrong type', async () => {
    const body = { ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 123, RoleArn: [] } };
    const response = await fetch(`${cloud.url}/schedules/wire-bad`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(await response.text()).toContain('Target.Arn');
  });
});

describe('proxied services (DynamoDB Local, kinesalite) never see a document nested thousands deep', () => {
  const signed = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`, 'x-amz-date': '20240101T000000Z' });

  it('DynamoDB answers its ValidationException, not DynamoDB Local\'s 500', async () => {
    const body = `{"TableName":"t","Item":${nested(5_000)}}`;
    const response = await fetch(`${cloud.url}/`, { method: 'POST', headers: { ...json('DynamoDB_20120810.PutItem', '1.0'), ...signed('dynamodb') }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });

  it('Kinesis answers SerializationException, also for a request naming its stream by ARN (which the proxy rewrites)', async () => {
    const records = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    for (const stream of ['"StreamName":"s"', '"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s"']) {
      const response = await fetch(`${cloud.url}/`, { method: 'POST', headers: { ...json('Kinesis_20131202.PutRecords', '1.1'), ...signed('kinesis') }, body: `{${stream},"Records":${records}}` });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    }
  });
});

describe('after all of it', () => {
  it('the cloud still serves', async () => {
    expect((await fetch(`${cloud.url}/_eventloom/health`)).status).toBe(200);
    const sqs = new SQSClient(clientConfig());
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls?.some((url) => url.endsWith(`/${APP}-q`))).toBe(true);
    sqs.destroy();
  });
});
