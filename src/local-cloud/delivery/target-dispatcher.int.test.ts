import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { createLogger } from '../../platform/log.ts';
import { FunctionRunner } from '../lambda/runner/index.ts';
import { SqsService } from '../sqs/index.ts';
import { openStateDb, type StateDb } from '../state/db.ts';
import { EventBridgeService } from '../eventbridge/bus.ts';
import type { TargetConfig } from '../eventbridge/models.ts';
import { DeliveryOutbox } from './outbox.ts';
import { TargetDispatcher } from './target-dispatcher.ts';

const fixture = fileURLToPath(new URL('../../../test/fixtures/functions/eventbridge-recorder.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'eventloom-eb-targets-'));
const runner = new FunctionRunner({ output: () => {} });
const cleanups: (() => void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) cleanup();
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
});

/** EventBridge over SQS and the shared runner, on `db`, with short retry delays; `warnings()` are the dispatcher's. */
function cloud(db: StateDb = openStateDb(':memory:')) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  const sqs = new SqsService({ db, endpoint: () => 'http://127.0.0.1:4566' });
  const dispatcher = new TargetDispatcher({
    outbox: new DeliveryOutbox(db),
    queues: sqs,
    functions: runner,
    logger,
    retryBaseDelayMs: 10,
    asyncRetryDelaysMs: [10, 20],
  });
  const bus = new EventBridgeService({ db, dispatcher });
  const close = () => {
    dispatcher.close();
    sqs.close();
    if (db.open) db.close();
  };
  cleanups.push(close);
  const warnings = () => lines.map((line) => JSON.parse(line) as { level: string; message: string; attempts?: number }).filter((l) => l.level === 'warn');
  return { db, sqs, dispatcher, bus, close, warnings };
}

/** Registers the recorder fixture; `received()` reads back every event it was invoked with. */
function deploy(exportName: 'handler' | 'failing') {
  const name = `eb-${exportName}-${randomUUID().slice(0, 8)}`;
  const file = join(dir, `${name}.jsonl`);
  runner.register({ name, modulePath: fixture, exportName, environment: { EVENTS_FILE: file }, timeoutSeconds: 10, memoryMb: 128 });
  const received = (): { id: string; detail: unknown }[] =>
    existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
  return { arn: runner.functionArn(name), received };
}

function routeOrders(bus: EventBridgeService, target: TargetConfig): string {
  const name = `orders-${randomUUID().slice(0, 8)}`;
  const ruleArn = bus.putRule({ name, busName: 'default', eventPattern: JSON.stringify({ source: ['shop.orders'] }), state: 'ENABLED' });
  bus.putTargets(undefined, name, [target]);
  return ruleArn;
}

const order = (id: string) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id }) });

describe('TargetDispatcher with Lambda targets', () => {
  it('invokes the function with the event', async () => {
    const { bus } = cloud();
    const fn = deploy('handler');
    routeOrders(bus, { id: 'fn', arn: fn.arn });

    const result = bus.putEvents([order('o-1')]);

    const [event] = await waitFor(() => (fn.received().length === 1 ? fn.received() : false), { description: 'the invocation' });
    expect(event).toMatchObject({ version: '0', id: result.Entries[0]!.EventId, source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { id: 'o-1' } });
  });

  it('dead-letters the event for a missing function at once, with AWS attributes (AWS does not retry a missing target)', async () => {
    const { bus, sqs, warnings } = cloud();
    sqs.createQueue('rule-dlq');
    const targetArn = runner.functionArn('no-such-function');
    const ruleArn = routeOrders(bus, { id: 'fn', arn: targetArn, retryPolicy: { maximumRetryAttempts: 2 }, deadLetterArn: sqs.queueArn('rule-dlq') });

    const result = bus.putEvents([order('o-2')]);

    const [message] = await waitFor(async () => {
      const messages = await sqs.receiveMessages('rule-dlq', { waitTimeSeconds: 0 });
      return messages.length > 0 ? messages : false;
    }, { description: 'the dead letter' });
    expect(JSON.parse(message!.body)).toMatchObject({ id: result.Entries[0]!.EventId, source: 'shop.orders', detail: { id: 'o-2' } });
    expect(message!.messageAttributes).toMatchObject({
      RULE_ARN: { DataType: 'String', StringValue: ruleArn },
      TARGET_ARN: { DataType: 'String', StringValue: targetArn },
      ERROR_CODE: { DataType: 'String', StringValue: 'ResourceNotFoundException' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: expect.stringContaining('no-such-function') },
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: '0' },
    });
    expect(warnings()).toEqual([]);
  });

  it('retries a failing function as Lambda async does (3 attempts in all), then drops the event', async () => {
    const { bus, sqs, dispatcher } = cloud();
    sqs.createQueue('rule-dlq');
    const fn = deploy('failing');
    routeOrders(bus, { id: 'fn', arn: fn.arn, deadLetterArn: sqs.queueArn('rule-dlq') });

    const result = bus.putEvents([order('o-3')]);

    await waitFor(() => fn.received().length === 3, { description: '3 attempts' });
    await waitFor(() => dispatcher.pendingCount() === 0, { description: 'the delivery to be dropped' });
    expect(fn.received().map((event) => event.id)).toEqual(Array(3).fill(result.Entries[0]!.EventId));
    expect(await sqs.receiveMessages('rule-dlq', { waitTimeSeconds: 0 })).toEqual([]);
  });

  it('delivers an outboxed event after a restart on the same state database', async () => {
    const file = join(dir, `state-${randomUUID().slice(0, 8)}.sqlite`);
    const first = cloud(openStateDb(file));
    const fn = deploy('handler');
    routeOrders(first.bus, { id: 'fn', arn: fn.arn });
    const result = first.bus.putEvents([order('o-4')]);
    // Same tick as PutEvents: the dispatcher's wake-up timer has not fired yet.
    const pendingAtClose = first.dispatcher.pendingCount();
    first.close();

    const second = cloud(openStateDb(file));
    second.dispatcher.notify();

    await waitFor(() => fn.received().length === 1, { description: 'the delivery after restart' });
    await waitFor(() => second.dispatcher.pendingCount() === 0, { description: 'the outbox to drain' });
    expect(pendingAtClose).toBe(1);
    expect(fn.received()).toEqual([expect.objectContaining({ id: result.Entries[0]!.EventId, detail: { id: 'o-4' } })]);
  });
});

describe('TargetDispatcher with SQS targets', () => {
  it('retries a delivery to a queue that is gone per RetryPolicy, then dead-letters it with the exhausted condition', async () => {
    const { bus, sqs, warnings } = cloud();
    sqs.createQueue('gone');
    sqs.createQueue('sqs-dlq');
    const ruleArn = routeOrders(bus, { id: 'q', arn: sqs.queueArn('gone'), retryPolicy: { maximumRetryAttempts: 2 }, deadLetterArn: sqs.queueArn('sqs-dlq') });
    sqs.deleteQueue('gone');

    bus.putEvents([order('o-4')]);

    const [message] = await waitFor(async () => {
      const messages = await sqs.receiveMessages('sqs-dlq', { waitTimeSeconds: 0 });
      return messages.length > 0 ? messages : false;
    }, { description: 'the dead letter' });
    expect(JSON.parse(message!.body)).toMatchObject({ detail: { id: 'o-4' } });
    expect(message!.messageAttributes).toMatchObject({
      RULE_ARN: { StringValue: ruleArn },
      EXHAUSTED_RETRY_CONDITION: { StringValue: 'MaximumRetryAttempts' },
      RETRY_ATTEMPTS: { StringValue: '2' },
    });
    expect(warnings()).toHaveLength(2);
  });

  it('drops an event whose dead-letter queue does not exist, loudly, without crashing the dispatcher', async () => {
    const { bus, sqs, dispatcher } = cloud();
    sqs.createQueue('gone-too');
    routeOrders(bus, { id: 'q', arn: sqs.queueArn('gone-too'), retryPolicy: { maximumRetryAttempts: 0 }, deadLetterArn: sqs.queueArn('no-such-dlq') });
    sqs.deleteQueue('gone-too');
    sqs.createQueue('still-works');
    routeOrders(bus, { id: 'ok', arn: sqs.queueArn('still-works') });

    bus.putEvents([order('o-5')]);

    await waitFor(() => dispatcher.pendingCount() === 0, { description: 'the delivery to be given up' });
    bus.putEvents([order('o-6')]);
    expect(sqs.stats('still-works').visible).toBe(2);
  });
});
