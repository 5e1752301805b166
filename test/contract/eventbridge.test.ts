import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
  TestEventPatternCommand,
  type PutEventsRequestEntry,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryOutbox, TargetDispatcher } from '../../src/local-cloud/delivery/index.ts';
import { createEventBridgeApi, EventBridgeService } from '../../src/local-cloud/eventbridge/index.ts';
import { FunctionRunner } from '../../src/local-cloud/lambda/runner/index.ts';
import { handleAwsJson, listen, routeAwsJson, type RunningServer } from '../../src/local-cloud/protocol/index.ts';
import { createSqsApi, SqsService } from '../../src/local-cloud/sqs/index.ts';
import { openStateDb, type StateDb } from '../../src/local-cloud/state/db.ts';
import { silentLogger } from '../../src/platform/log.ts';

let db: StateDb;
let server: RunningServer;
let sqsService: SqsService;
let runner: FunctionRunner;
let dispatcher: TargetDispatcher;
let events: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  let endpoint = '';
  db = openStateDb(':memory:');
  sqsService = new SqsService({ db, endpoint: () => endpoint });
  runner = new FunctionRunner();
  dispatcher = new TargetDispatcher({ outbox: new DeliveryOutbox(db), queues: sqsService, functions: runner, logger: silentLogger });
  const services = [createEventBridgeApi(new EventBridgeService({ db, dispatcher })), createSqsApi(sqsService)];
  const app = new Hono();
  app.post('*', (c) => handleAwsJson(routeAwsJson(services, c.req.header('x-amz-target') ?? null)!, c.req.raw));
  server = await listen(app);
  endpoint = server.url;
  const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  events = new EventBridgeClient(config);
  sqs = new SQSClient(config);
});

afterAll(async () => {
  events.destroy();
  sqs.destroy();
  await server.close();
  dispatcher.close();
  await runner.close();
  sqsService.close();
  db.close();
});

const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const ORDER_PATTERN = JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
const order = (detail: object, bus?: string): PutEventsRequestEntry => ({
  Source: 'shop.orders',
  DetailType: 'OrderPlaced',
  Detail: JSON.stringify(detail),
  ...(bus && { EventBusName: bus }),
});

async function createQueue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: unique(name) }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function bodies(url: string): Promise<unknown[]> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  return Messages.map((message) => JSON.parse(message.Body!));
}

/** A new bus with one rule (ORDER_PATTERN unless given) whose targets are `targets`. */
async function ruleWith(targets: Target[], pattern = ORDER_PATTERN): Promise<{ bus: string; rule: string }> {
  const bus = unique('bus');
  const rule = unique('rule');
  await events.send(new CreateEventBusCommand({ Name: bus }));
  await events.send(new PutRuleCommand({ Name: rule, EventBusName: bus, EventPattern: pattern }));
  await events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: targets }));
  return { bus, rule };
}

describe('EventBridge contract: buses and rules', () => {
  it('creates a bus and a rule on it', async () => {
    const bus = unique('bus');

    const created = await events.send(new CreateEventBusCommand({ Name: bus }));
    const rule = await events.send(new PutRuleCommand({ Name: 'orders', EventBusName: bus, EventPattern: ORDER_PATTERN }));

    expect(created.EventBusArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:\\d{12}:event-bus/${bus}$`));
    expect(rule.RuleArn).toMatch(new RegExp(`^arn:aws:events:us-east-1:\\d{12}:rule/${bus}/orders$`));
  });

  it('rejects an invalid pattern with InvalidEventPatternException and AWS message', async () => {
    const put = events.send(new PutRuleCommand({ Name: unique('bad'), EventPattern: JSON.stringify({ resources: [] }) }));

    await expect(put).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(put).rejects.toMatchObject({ message: 'Event pattern is not valid. Reason: Empty arrays are not allowed' });
  });

  it('round-trips DescribeRule, ListRules by prefix and ListTargetsByRule', async () => {
    const dlq = await createQueue('dlq');
    const target = await createQueue('target');
    const targets: Target[] = [
      {
        Id: 'transformed',
        Arn: target.arn,
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: dlq.arn },
        InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"orderId": <id>}' },
      },
    ];
    const { bus, rule } = await ruleWith(targets);
    await events.send(new PutRuleCommand({ Name: unique('other'), EventBusName: bus, EventPattern: ORDER_PATTERN }));

    const described = await events.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }));
    const listed = await events.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: 'rule-' }));
    const listedTargets = await events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }));

    expect(described).toMatchObject({ Name: rule, EventBusName: bus, EventPattern: ORDER_PATTERN, State: 'ENABLED' });
    expect(described.Arn).toMatch(new RegExp(`:rule/${bus}/${rule}$`));
    expect(listed.Rules?.map((r) => r.Name)).toEqual([rule]);
    expect(listedTargets.Targets).toEqual(targets);
  });

  it('TestEventPattern answers true and false', async () => {
    const event = (source: string) =>
      JSON.stringify({ id: '1', source, 'detail-type': 'OrderPlaced', account: '123456789012', region: 'us-east-1', time: '2024-01-01T00:00:00Z', resources: [], detail: {} });

    const hit = await events.send(new TestEventPatternCommand({ EventPattern: ORDER_PATTERN, Event: event('shop.orders') }));
    const miss = await events.send(new TestEventPatternCommand({ EventPattern: ORDER_PATTERN, Event: event('shop.payments') }));

    expect(hit.Result).toBe(true);
    expect(miss.Result).toBe(false);
  });

  it('refuses to delete a rule with targets; RemoveTargets then DeleteRule succeeds', async () => {
    const queue = await createQueue('target');
    const { bus, rule } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    const refused = events.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));
    await expect(refused).rejects.toMatchObject({ name: 'ValidationException' });
    await events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: bus, Ids: ['q'] }));
    await events.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));

    await expect(events.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('DeleteEventBus deletes a bus without rules; deleting a missing bus succeeds, as on AWS', async () => {
    const bus = unique('bus');
    await events.send(new CreateEventBusCommand({ Name: bus }));

    await events.send(new DeleteEventBusCommand({ Name: bus }));

    const { EventBuses = [] } = await events.send(new ListEventBusesCommand({}));
    expect(EventBuses.map((b) => b.Name)).not.toContain(bus);
    await expect(events.send(new DescribeEventBusCommand({ Name: bus }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    // gone from the state database too: a restarted service does not bring it back
    expect(new EventBridgeService({ db, dispatcher }).listBuses()).not.toContain(bus);
    await events.send(new DeleteEventBusCommand({ Name: bus }));
    // the name is free again
    await events.send(new CreateEventBusCommand({ Name: bus }));
  });

  it('DeleteEventBus refuses the default bus and a bus that still has rules (ValidationException)', async () => {
    const queue = await createQueue('target');
    const { bus, rule } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    await expect(events.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(events.send(new DeleteEventBusCommand({ Name: bus }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "EventBus can't be deleted since it has rules.",
    });
    await events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: bus, Ids: ['q'] }));
    await events.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));
    await events.send(new DeleteEventBusCommand({ Name: bus }));
  });

  it('answers 501 for an operation it does not implement', async () => {
    const listing = events.send(new ListArchivesCommand({}));

    await expect(listing).rejects.toMatchObject({ $metadata: { httpStatusCode: 501 } });
  });
});

describe('EventBridge contract: PutEvents and targets', () => {
  it('delivers the whole event JSON to an SQS target', async () => {
    const queue = await createQueue('target');
    const { bus } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    const result = await events.send(new PutEventsCommand({ Entries: [{ ...order({ id: 'o-1' }, bus), Resources: ['arn:aws:s3:::bucket'] }] }));

    expect(result.FailedEntryCount).toBe(0);
    const [event] = await bodies(queue.url);
    expect(event).toEqual({
      version: '0',
      id: result.Entries![0]!.EventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: expect.stringMatching(/^\d{12}$/),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bucket'],
      detail: { id: 'o-1' },
    });
    expect(result.Entries![0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('renders Input, InputPath and InputTransformer targets', async () => {
    const constant = await createQueue('input');
    const path = await createQueue('input-path');
    const transformed = await createQueue('transformer');
    const { bus, rule } = await ruleWith([
      { Id: 'constant', Arn: constant.arn, Input: '{"fixed":true}' },
      { Id: 'path', Arn: path.arn, InputPath: '$.detail' },
      {
        Id: 'transformed',
        Arn: transformed.arn,
        InputTransformer: { InputPathsMap: { id: '$.detail.id', total: '$.detail.total' }, InputTemplate: '{"order": <id>, "text": "total <total>", "rule": "<aws.events.rule-name>"}' },
      },
    ]);

    await events.send(new PutEventsCommand({ Entries: [order({ id: 'o-2', total: 42 }, bus)] }));

    expect(await bodies(constant.url)).toEqual([{ fixed: true }]);
    expect(await bodies(path.url)).toEqual([{ id: 'o-2', total: 42 }]);
    expect(await bodies(transformed.url)).toEqual([{ order: 'o-2', text: 'total 42', rule }]);
  });

  it('reports partial failures entry by entry', async () => {
    const queue = await createQueue('target');
    const { bus } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    const result = await events.send(
      new PutEventsCommand({ Entries: [order({ id: 'good' }, bus), { ...order({}, bus), Detail: '{not json' }, order({ id: 'lost' }, unique('no-such-bus'))] }),
    );

    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries).toHaveLength(3);
    expect(result.Entries![0]).toEqual({ EventId: expect.any(String) });
    expect(result.Entries![1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(result.Entries![2]).toEqual({ ErrorCode: expect.any(String), ErrorMessage: expect.any(String) });
    expect(await bodies(queue.url)).toEqual([expect.objectContaining({ detail: { id: 'good' } })]);
  });

  it('rejects 11 entries with ValidationException', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => order({ i }));

    await expect(events.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects an entry of 256 KB or more', async () => {
    const queue = await createQueue('target');
    const { bus } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    const result = await events.send(new PutEventsCommand({ Entries: [order({ blob: 'x'.repeat(256 * 1024) }, bus)] }));

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries![0]).toEqual({ ErrorCode: expect.any(String), ErrorMessage: expect.any(String) });
    expect(await bodies(queue.url)).toEqual([]);
  });

  it('DisableRule stops delivery and EnableRule resumes it', async () => {
    const queue = await createQueue('target');
    const { bus, rule } = await ruleWith([{ Id: 'q', Arn: queue.arn }]);

    await events.send(new DisableRuleCommand({ Name: rule, EventBusName: bus }));
    await events.send(new PutEventsCommand({ Entries: [order({ id: 'while-disabled' }, bus)] }));
    const disabled = await events.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }));
    await events.send(new EnableRuleCommand({ Name: rule, EventBusName: bus }));
    await events.send(new PutEventsCommand({ Entries: [order({ id: 'after-enable' }, bus)] }));

    expect(disabled.State).toBe('DISABLED');
    expect(await bodies(queue.url)).toEqual([expect.objectContaining({ detail: { id: 'after-enable' } })]);
  });
});
