import { DescribeRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { acceleratedClock } from '../../src/local-cloud/eventbridge/schedule-timer.ts';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

// Scheduled rules on a clock 60 times faster than real time: a schedule minute is a real second.
const START = Date.parse('2030-01-01T00:04:58Z');
const app: AppDef = { name: 'ticks', queues: { every: {}, cron: {}, shaped: {} } };

let cloud: LocalCloud;
let events: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [app], scheduleClock: acceleratedClock({ speed: 60, start: START }) });
  const config = { endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials };
  events = new EventBridgeClient(config);
  sqs = new SQSClient(config);
});

afterAll(async () => {
  events?.destroy();
  sqs?.destroy();
  await cloud?.stop();
});

async function scheduledRule(name: string, expression: string, queue: string, target: { Input?: string; InputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string } } = {}) {
  const { RuleArn } = await events.send(new PutRuleCommand({ Name: name, ScheduleExpression: expression }));
  await events.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'q', Arn: cloud.services.sqs.queueArn(`ticks-${queue}`), ...target }] }));
  return RuleArn!;
}

async function receive(queue: string, count: number): Promise<Message[]> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `ticks-${queue}` }));
  const received: Message[] = [];
  await waitFor(
    async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 600 }));
      received.push(...Messages);
      return received.length >= count;
    },
    { timeoutMs: 15_000, description: `${count} scheduled events in ${queue}` },
  );
  return received;
}

describe('scheduled rules', () => {
  it('fires rate(1 minute) as AWS\'s Scheduled Event to its targets, once a minute', async () => {
    const ruleArn = await scheduledRule('every-minute', 'rate(1 minute)', 'every');

    const messages = await receive('every', 2);

    const [first, second] = messages.map((m) => JSON.parse(m.Body!) as Record<string, unknown>);
    expect(first).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/^2030-01-01T00:0\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [ruleArn],
      detail: {},
    });
    expect(Date.parse(second!.time as string) - Date.parse(first!.time as string)).toBe(60_000);
  });

  it('fires cron(0/5 * * * ? *) on the five-minute marks (UTC)', async () => {
    await scheduledRule('every-five', 'cron(0/5 * * * ? *)', 'cron');

    const [message] = await receive('cron', 1);

    expect(JSON.parse(message!.Body!)).toMatchObject({ 'detail-type': 'Scheduled Event', time: expect.stringMatching(/^2030-01-01T00:(05|10|15):00Z$/) });
  });

  it('shapes the event with the target\'s InputTransformer', async () => {
    await scheduledRule('shaped', 'rate(1 minute)', 'shaped', { InputTransformer: { InputPathsMap: { at: '$.time' }, InputTemplate: '{"tick":<at>,"rule":"<aws.events.rule-name>"}' } });

    const [message] = await receive('shaped', 1);

    expect(JSON.parse(message!.Body!)).toEqual({ tick: expect.stringMatching(/^2030-/), rule: 'shaped' });
  });

  it('describes the rule with its expression', async () => {
    await events.send(new PutRuleCommand({ Name: 'described', ScheduleExpression: 'rate(2 hours)', State: 'DISABLED' }));

    const rule = await events.send(new DescribeRuleCommand({ Name: 'described' }));

    expect(rule).toMatchObject({ Name: 'described', ScheduleExpression: 'rate(2 hours)', State: 'DISABLED', EventBusName: 'default' });
    expect(rule.EventPattern).toBeUndefined();
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'cron(0 12 * * *)', 'cron(0 12 * * * *)', 'at(2030-01-01T00:00:00)', 'every day'])(
    'refuses %s with AWS\'s ValidationException',
    async (expression) => {
      const error = await events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: expression })).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.' });
    },
  );

  it('refuses a schedule on a custom bus', async () => {
    await cloud.services.eventBridge.createBus('ticks-custom', { ifNotExists: true });

    const error = await events.send(new PutRuleCommand({ Name: 'custom', EventBusName: 'ticks-custom', ScheduleExpression: 'rate(5 minutes)' })).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ValidationException' });
  });
});

describe('scheduled rules across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-schedule-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const restartApp: AppDef = { name: 'restart', queues: { ticks: {} } };

  it('fires a fire missed while the cloud was down once on start, and not again', async () => {
    const t0 = Date.parse('2030-06-01T00:00:00Z');
    // First run at real speed: the rule is put at 00:00 and nothing is due before it stops.
    const first = await startTestCloud({ apps: [restartApp], dataDir: dir, scheduleClock: acceleratedClock({ speed: 1, start: t0 }) });
    first.services.eventBridge.putRule({ name: 'restart-every-five', busName: 'default', scheduleExpression: 'rate(5 minutes)', state: 'ENABLED' });
    first.services.eventBridge.putTargets(undefined, 'restart-every-five', [{ id: 'q', arn: first.services.sqs.queueArn('restart-ticks') }]);
    await first.stop();

    // Back at 00:17: the fires of 00:05, 00:10 and 00:15 were missed; the next is 00:20.
    const second = await startTestCloud({ apps: [restartApp], dataDir: dir, scheduleClock: acceleratedClock({ speed: 1, start: t0 + 17 * 60_000 }) });
    try {
      const [message] = await waitFor(async () => {
        const messages = await second.services.sqs.receiveMessages('restart-ticks', { waitTimeSeconds: 0, maxNumberOfMessages: 10 });
        return messages.length > 0 ? messages : false;
      }, { description: 'the missed fire' });
      expect(JSON.parse(message!.body)).toMatchObject({ 'detail-type': 'Scheduled Event', time: '2030-06-01T00:05:00Z' });
      expect(second.services.sqs.stats('restart-ticks')).toMatchObject({ visible: 0 });
    } finally {
      await second.stop();
    }
  });
});
