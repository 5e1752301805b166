import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListTagsForResourceCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { acceleratedClock } from '../../src/local-cloud/eventbridge/schedule-timer.ts';
import { arn } from '../../src/local-cloud/identity.ts';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

// EventBridge Scheduler through @aws-sdk/client-scheduler, on a clock 60 times faster than real time.
const dir = mkdtempSync(join(tmpdir(), 'eventloom-scheduler-'));
const eventsFile = join(dir, 'recorder.jsonl');
const recorder = `${fileURLToPath(new URL('../fixtures/functions/eventbridge-recorder.ts', import.meta.url))}#handler`;
const app: AppDef = {
  name: 'sched',
  queues: { inbox: {}, dlq: {}, bus: {} },
  buses: { events: {} },
  rules: { all: { bus: 'events', eventPattern: { source: ['sched.test'] }, targets: [{ queue: 'bus' }] } },
  functions: { recorder: { handler: recorder, environment: { EVENTS_FILE: eventsFile } } },
};
const clock = acceleratedClock({ speed: 60, start: Date.parse('2030-01-01T00:00:00Z') });
const role = 'arn:aws:iam::000000000000:role/scheduler';

let cloud: LocalCloud;
let scheduler: SchedulerClient;
const arnOf = {
  queue: (name: string) => arn('sqs', `sched-${name}`),
  fn: (name: string) => arn('lambda', `function:sched-${name}`),
  bus: (name: string) => arn('events', `event-bus/sched-${name}`),
};

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [app], scheduleClock: clock });
  scheduler = new SchedulerClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
});

afterAll(async () => {
  scheduler?.destroy();
  await cloud?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `at(…)` for `seconds` from now on the test clock. */
const atIn = (seconds: number) => `at(${new Date(clock.now() + seconds * 1000).toISOString().slice(0, 19)})`;
const farAway = 'at(2099-01-01T00:00:00)';

function schedule(name: string, overrides: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput {
  return { Name: name, ScheduleExpression: farAway, FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: arnOf.queue('inbox'), RoleArn: role, Input: '{}' }, ...overrides };
}

async function receive(queue: string) {
  return waitFor(async () => {
    const messages = await cloud.services.sqs.receiveMessages(`sched-${queue}`, { waitTimeSeconds: 0, maxNumberOfMessages: 10 });
    return messages.length > 0 ? messages : false;
  }, { timeoutMs: 10_000, description: `a message in ${queue}` });
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

it('puts the Scheduler endpoint in the env file', () => {
  expect(cloud.env.AWS_ENDPOINT_URL_SCHEDULER).toBe(cloud.url);
});

describe('schedule groups', () => {
  it('creates, gets, lists and deletes a group', async () => {
    const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'reports' }));
    const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'reports' }));
    const { ScheduleGroups } = await scheduler.send(new ListScheduleGroupsCommand({}));
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'reports' }));

    expect(ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule-group/reports');
    expect(group).toMatchObject({ Arn: ScheduleGroupArn, Name: 'reports', State: 'ACTIVE', CreationDate: expect.any(Date) });
    expect(ScheduleGroups?.map((g) => g.Name)).toEqual(expect.arrayContaining(['default', 'reports']));
    expect(await failure(scheduler.send(new GetScheduleGroupCommand({ Name: 'reports' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers ConflictException for a group that exists and ValidationException for deleting default', async () => {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'twice' }));

    expect(await failure(scheduler.send(new CreateScheduleGroupCommand({ Name: 'twice' })))).toMatchObject({ name: 'ConflictException' });
    expect(await failure(scheduler.send(new DeleteScheduleGroupCommand({ Name: 'default' })))).toMatchObject({ name: 'ValidationException' });
  });
});

describe('schedules', () => {
  it('creates, gets, updates, lists and deletes a schedule', async () => {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'crud' }));
    const created = await scheduler.send(
      new CreateScheduleCommand(
        schedule('nightly', {
          GroupName: 'crud',
          ScheduleExpression: 'cron(0 2 * * ? *)',
          ScheduleExpressionTimezone: 'Europe/Paris',
          Description: 'every night',
          StartDate: new Date('2030-01-01T00:00:00Z'),
          FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
          Target: { Arn: arnOf.queue('inbox'), RoleArn: role, Input: '{"job":"report"}', RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: arnOf.queue('dlq') } },
        }),
      ),
    );
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'nightly', GroupName: 'crud' }));
    await scheduler.send(new UpdateScheduleCommand(schedule('nightly', { GroupName: 'crud', ScheduleExpression: 'rate(1 day)', State: 'DISABLED' })));
    const updated = await scheduler.send(new GetScheduleCommand({ Name: 'nightly', GroupName: 'crud' }));
    const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: 'crud', NamePrefix: 'night' }));
    await scheduler.send(new DeleteScheduleCommand({ Name: 'nightly', GroupName: 'crud' }));

    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/crud/nightly');
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      Name: 'nightly',
      GroupName: 'crud',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Description: 'every night',
      State: 'ENABLED',
      StartDate: new Date('2030-01-01T00:00:00Z'),
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      ActionAfterCompletion: 'NONE',
      CreationDate: expect.any(Date),
      Target: { Arn: arnOf.queue('inbox'), RoleArn: role, Input: '{"job":"report"}', RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 86_400 }, DeadLetterConfig: { Arn: arnOf.queue('dlq') } },
    });
    expect(updated).toMatchObject({ ScheduleExpression: 'rate(1 day)', State: 'DISABLED', FlexibleTimeWindow: { Mode: 'OFF' }, CreationDate: got.CreationDate });
    expect(updated.Description).toBeUndefined();
    expect(listed.Schedules).toEqual([{ Arn: created.ScheduleArn, Name: 'nightly', GroupName: 'crud', State: 'DISABLED', CreationDate: expect.any(Date), LastModificationDate: expect.any(Date), Target: { Arn: arnOf.queue('inbox') } }]);
    expect(await failure(scheduler.send(new GetScheduleCommand({ Name: 'nightly', GroupName: 'crud' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('pages ListSchedules', async () => {
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'paged' }));
    for (const n of [1, 2, 3]) await scheduler.send(new CreateScheduleCommand(schedule(`page-${n}`, { GroupName: 'paged' })));

    const first = await scheduler.send(new ListSchedulesCommand({ GroupName: 'paged', MaxResults: 2 }));
    const second = await scheduler.send(new ListSchedulesCommand({ GroupName: 'paged', MaxResults: 2, NextToken: first.NextToken }));

    expect(first.Schedules?.map((s) => s.Name)).toEqual(['page-1', 'page-2']);
    expect(second.Schedules?.map((s) => s.Name)).toEqual(['page-3']);
    expect(second.NextToken).toBeUndefined();
  });

  it.each([
    ['a name that exists', 'ConflictException', schedule('dup')],
    ['an invalid expression', 'ValidationException', schedule('bad-expression', { ScheduleExpression: 'rate(0 minutes)' })],
    ['an unknown time zone', 'ValidationException', schedule('bad-zone', { ScheduleExpressionTimezone: 'Mars/Olympus' })],
    ['a missing group', 'ResourceNotFoundException', schedule('no-group', { GroupName: 'nope' })],
    ['a bad name', 'ValidationException', schedule('has space')],
    ['a bus target without EventBridgeParameters', 'ValidationException', schedule('bare-bus', { Target: { Arn: arnOf.bus('events'), RoleArn: role } })],
  ])('refuses %s with %s', async (_case, name, input) => {
    if (input.Name === 'dup') await scheduler.send(new CreateScheduleCommand(schedule('dup')));

    expect(await failure(scheduler.send(new CreateScheduleCommand(input)))).toMatchObject({ name });
  });

  it('answers NotImplemented (501) for the tag operations', async () => {
    const error = await failure(scheduler.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/default' })));

    expect(error).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });

  it('answers NotImplemented (501) for a target it does not run', async () => {
    const error = await failure(scheduler.send(new CreateScheduleCommand(schedule('universal', { Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage', RoleArn: role } }))));

    expect(error).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
  });
});

describe('firing', () => {
  it('fires a one-off at(…) to SQS with the context attributes filled in, then deletes it', async () => {
    const input = '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>"}';
    const expression = atIn(60);
    await scheduler.send(new CreateScheduleCommand(schedule('once', { ScheduleExpression: expression, ActionAfterCompletion: 'DELETE', Target: { Arn: arnOf.queue('inbox'), RoleArn: role, Input: input } })));

    const [message] = await receive('inbox');

    expect(JSON.parse(message!.body)).toEqual({
      arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/once',
      at: `${expression.slice(3, -1)}Z`,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    await waitFor(async () => (await failure(scheduler.send(new GetScheduleCommand({ Name: 'once' })))) !== undefined, { description: 'the schedule to be deleted' });
  });

  it('invokes a Lambda target asynchronously on a rate, starting at once', async () => {
    await scheduler.send(new CreateScheduleCommand(schedule('ticker', { ScheduleExpression: 'rate(1 minute)', Target: { Arn: arnOf.fn('recorder'), RoleArn: role, Input: '{"tick":true}' } })));

    const received = await waitFor(() => {
      const lines = existsSync(eventsFile) ? readFileSync(eventsFile, 'utf8').trim().split('\n') : [];
      return lines.length >= 2 ? lines.map((line) => JSON.parse(line) as unknown) : false;
    }, { timeoutMs: 10_000, description: 'two invocations' });
    await scheduler.send(new DeleteScheduleCommand({ Name: 'ticker' }));

    expect(received.slice(0, 2)).toEqual([{ tick: true }, { tick: true }]);
  });

  it('puts an event on a bus with the EventBridgeParameters, the input as its detail', async () => {
    const busArn = arnOf.bus('events');
    const scheduleArn = (await scheduler.send(
      new CreateScheduleCommand(schedule('to-bus', { ScheduleExpression: atIn(30), Target: { Arn: busArn, RoleArn: role, Input: '{"report":"daily"}', EventBridgeParameters: { Source: 'sched.test', DetailType: 'Report Due' } } })),
    )).ScheduleArn;

    const [message] = await receive('bus');

    expect(JSON.parse(message!.body)).toMatchObject({ source: 'sched.test', 'detail-type': 'Report Due', detail: { report: 'daily' }, resources: [scheduleArn] });
  });

  it('dead-letters a delivery to a function that does not exist, naming the schedule', async () => {
    await scheduler.send(new CreateScheduleCommand(schedule('lost', { ScheduleExpression: atIn(30), Target: { Arn: arnOf.fn('nobody'), RoleArn: role, Input: '{"n":1}', DeadLetterConfig: { Arn: arnOf.queue('dlq') } } })));

    const [message] = await receive('dlq');

    expect(message!.body).toBe('{"n":1}');
    expect(message!.messageAttributes).toMatchObject({
      SCHEDULE_ARN: { StringValue: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/lost' },
      TARGET_ARN: { StringValue: arnOf.fn('nobody') },
      ERROR_CODE: { StringValue: 'ResourceNotFoundException' },
    });
  });
});
