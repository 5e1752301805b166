import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import type { Overview } from '../../src/local-cloud/dashboard/index.ts';
import { pipelineApp } from '../fixtures/apps/pipeline-app.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { dashboardApi, type DashboardApi } from './support.ts';

// Every action of the dashboard's JSON API on a real cloud (the pipeline fixture app: a table, its
// pipe to a bus, rules to a queue with a DLQ and to a function, event source mappings, an HTTP API).
const APP = 'dashapi';
const name = (logical: string) => `${APP}-${logical}`;
let cloud: LocalCloud;
let api: DashboardApi;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [pipelineApp(APP)], queueOverrides: { visibilityTimeoutSeconds: 1 } });
  api = dashboardApi(cloud.url);
});
afterAll(() => cloud?.stop());

const overview = async () => (await api.get<Overview>('overview')).body;
const queue = async (queueName: string) => (await overview()).queues.find((q) => q.name === name(queueName))!;
const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 20_000, intervalMs: 100, description });
/** A message the worker always fails (the fixture's `poison` item). */
const poison = (id: string) => JSON.stringify({ detail: { dynamodb: { Keys: { pk: { S: id } }, NewImage: { poison: { S: '1' } } } } });

describe('dashboard API: reads', () => {
  it('lists its routes, and the overview shows the stack with every kind of resource', async () => {
    const routes = await api.get<{ routes: { method: string; path: string }[] }>('');
    const { body } = await api.get<Overview>('overview');

    expect(routes.body.routes.map((route) => `${route.method} ${route.path.split('?')[0]}`)).toContain('POST /_eventloom/api/queues/<name>/redrive');
    expect(body.stacks).toEqual([{ name: APP, kind: 'app' }]);
    expect(body.functions.map((f) => f.name).sort()).toEqual(['api', 'direct', 'streamConsumer', 'worker'].map(name));
    expect(body.functions[0]).toMatchObject({ stack: APP, invocations: expect.any(Number), errors: 0, concurrency: 10 });
    expect(body.queues.find((q) => q.name === name('work'))).toMatchObject({ stack: APP, deadLetterQueue: name('workDlq'), deadLetterDepth: 0, deadLetterSources: [] });
    expect(body.queues.find((q) => q.name === name('workDlq'))).toMatchObject({ deadLetterSources: [name('work')] });
    expect(body.tables.find((t) => t.name === name('items'))).toMatchObject({ stack: APP, items: 0, streamArn: expect.stringContaining(name('items')) });
    expect(body.tables.find((t) => t.name === name('items'))?.consumers.map((c) => c.name).sort()).toEqual([`function ${name('streamConsumer')}`, `pipe ${name('items')}`]);
    expect(body.rules.map((r) => r.name).sort()).toEqual(['direct', 'toWorker', 'transformed'].map(name));
    expect(body.pipes).toEqual([{ name: name('items'), stack: APP, source: `table:${name('items')}`, target: `bus:${name('bus')}`, delivered: 0, filteredOut: 0 }]);
    expect(body.eventSourceMappings.map((m) => `${m.kind} ${m.source} → ${m.functionName} ${m.state}`).sort()).toEqual([
      `dynamodb table:${name('items')} → ${name('streamConsumer')} Enabled`,
      `sqs queue:${name('work')} → ${name('worker')} Enabled`,
    ]);
    expect(body.buses.map((b) => b.name)).toContain(name('bus'));
  });

  it('counts move and a key is traced through the HTTP API, the table, the pipe, the bus, a rule, a queue and the worker', async () => {
    // Act
    const placed = await fetch(`${cloud.apiUrl(APP, 'items')}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'item-traced-1' }) });

    // Assess
    expect(placed.status).toBe(202);
    const trace = await eventually(async () => {
      const { body } = await api.get<{ steps: { kind: string; from: string; to: string; durationMs?: number }[]; participants: string[] }>('trace?key=item-traced-1');
      expect(body.steps.some((step) => step.kind === 'invocation' && step.to === `function:${name('worker')}`)).toBe(true);
      return body;
    }, 'the worker in the trace');
    // The path in order; other consumers of the same stream (the table's own mapping) may show up between, by timing.
    const path = [
      `api:${name('items')}`,
      `function:${name('api')}`,
      `table:${name('items')}`,
      `pipe:${name('items')}`,
      `bus:${name('bus')}`,
      `rule:${name('toWorker')}`,
      `queue:${name('work')}`,
      `function:${name('worker')}`,
    ];
    const positions = path.map((participant) => trace.participants.indexOf(participant));
    expect(positions.every((position) => position >= 0), `${trace.participants.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(trace.steps.filter((step) => step.kind === 'invocation').every((step) => typeof step.durationMs === 'number')).toBe(true);
    const counters = await overview();
    expect(counters.functions.find((f) => f.name === name('worker'))).toMatchObject({ invocations: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number) });
    expect(counters.rules.find((r) => r.name === name('toWorker'))?.matches).toBeGreaterThanOrEqual(1);
    expect(counters.pipes[0]?.delivered).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect((await overview()).tables.find((t) => t.name === name('items'))).toMatchObject({ items: 1, lastSequenceNumber: expect.any(String) }), 'the item count');
  });

  it("returns a function's log lines from CloudWatch Logs; 404 for an unknown function, 400 for a bad query", async () => {
    const lines = await eventually(async () => {
      const { body } = await api.get<{ lines: { message: string; eventId: string }[] }>(`functions/${name('worker')}/logs?limit=50`);
      expect(body.lines.some((line) => line.message.startsWith('REPORT RequestId:'))).toBe(true);
      return body.lines;
    }, 'REPORT lines');

    expect(lines.length).toBeLessThanOrEqual(50);
    expect((await api.get(`functions/${name('api')}/logs?since=${Date.now() + 60_000}`)).body).toEqual({ function: name('api'), lines: [] });
    expect((await api.get('functions/nope/logs')).status).toBe(404);
    expect(await api.get(`functions/${name('api')}/logs?limit=lots`)).toMatchObject({ status: 400, body: { error: 'BadRequest', field: 'limit' } });
    expect(await api.get('trace')).toMatchObject({ status: 400, body: { field: 'key' } });
  });
});

describe('dashboard API: actions', () => {
  it('invokes a function synchronously and asynchronously', async () => {
    const event = { detail: { dynamodb: { Keys: { pk: { S: 'invoked-1' } } } } };

    const sync = await api.post(`functions/${name('direct')}/invoke`, { payload: event });
    const failed = await api.post(`functions/${name('direct')}/invoke`, {});
    const queued = await api.post(`functions/${name('direct')}/invoke`, { payload: event, async: true });

    expect(sync).toMatchObject({ status: 200, body: { ok: true, payload: null, durationMs: expect.any(Number) } });
    expect(failed).toMatchObject({ status: 200, body: { ok: false, error: { errorType: 'TypeError' } } });
    expect(queued).toMatchObject({ status: 200, body: { status: 'queued' } });
    expect(await api.post('functions/nope/invoke', {})).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await api.post(`functions/${name('direct')}/invoke`, { async: 'yes' })).toMatchObject({ status: 400, body: { field: 'async' } });
    expect(await api.post(`functions/${name('direct')}/invoke`, '{not json')).toMatchObject({ status: 400, body: { field: 'body' } });
    expect(await api.post(`functions/${name('direct')}/invoke`, '{}', { 'content-type': 'text/plain' })).toMatchObject({ status: 400, body: { field: 'body' } });
  });

  it('sends a message and purges a queue', async () => {
    const sent = await api.post(`queues/${name('transformed')}/messages`, { body: { hello: 'world' } });
    expect(sent).toMatchObject({ status: 200, body: { messageId: expect.any(String) } });
    expect((await queue('transformed')).visible).toBe(1);

    expect(await api.post(`queues/${name('transformed')}/purge`)).toMatchObject({ status: 200, body: { purged: name('transformed') } });
    expect((await queue('transformed')).visible).toBe(0);
    expect(await api.post(`queues/${name('transformed')}/purge`)).toMatchObject({ status: 403, body: { error: 'PurgeQueueInProgress' } });
    expect(await api.post(`queues/${name('transformed')}/messages`, {})).toMatchObject({ status: 400, body: { field: 'body' } });
    expect(await api.post(`queues/${name('transformed')}/messages`, { body: 'x', delaySeconds: 901 })).toMatchObject({ status: 400, body: { field: 'delaySeconds' } });
    expect(await api.post('queues/nope/messages', { body: 'x' })).toMatchObject({ status: 404 });
  });

  it('puts an event on a bus and answers the rules it matched', async () => {
    const detail = { dynamodb: { Keys: { pk: { S: 'event-1' } }, NewImage: { kind: { S: 'transform' } } } };

    const put = await api.post('events', { bus: name('bus'), source: 'fixture.items', detailType: 'ItemInserted', detail });

    expect(put).toMatchObject({ status: 200, body: { eventId: expect.any(String), matchedRules: [name('transformed')] } });
    await eventually(async () => expect((await queue('transformed')).visible).toBe(1), 'the transformed message');
    expect(await api.post('events', { bus: name('bus'), detailType: 'x', detail })).toMatchObject({ status: 400, body: { field: 'source' } });
    expect(await api.post('events', { bus: name('bus'), source: 's', detailType: 'x', detail: '[1]' })).toMatchObject({ status: 400, body: { field: 'detail' } });
    expect(await api.post('events', { bus: 'nope', source: 's', detailType: 'x', detail })).toMatchObject({ status: 400, body: { field: 'bus' } });
  });

  it('injects faults into a function, shows them, and turns them off', async () => {
    const event = { payload: { detail: { dynamodb: { Keys: { pk: { S: 'fault-1' } } } } } };

    const set = await api.put(`functions/${name('direct')}/fault`, { errorRate: 1, latencyMs: 50 });
    const failed = await api.post(`functions/${name('direct')}/invoke`, event);
    const listed = await api.get('faults');
    const shown = (await overview()).functions.find((f) => f.name === name('direct'));
    const cleared = await api.delete(`functions/${name('direct')}/fault`);

    expect(set).toMatchObject({ status: 200, body: { fault: { errorRate: 1, latencyMs: 50, duplicateRate: 0 } } });
    expect(failed.body).toMatchObject({ ok: false, error: { errorType: 'EventloomInjectedFault' } });
    expect(failed.body.durationMs).toBeGreaterThanOrEqual(50);
    expect(listed.body).toEqual({ faults: { [name('direct')]: { errorRate: 1, latencyMs: 50, duplicateRate: 0 } } });
    expect(shown?.fault).toEqual({ errorRate: 1, latencyMs: 50, duplicateRate: 0 });
    expect(cleared.body).toEqual({ function: name('direct'), fault: null });
    expect((await api.post(`functions/${name('direct')}/invoke`, event)).body).toMatchObject({ ok: true });
    expect(await api.put(`functions/${name('direct')}/fault`, { errorRate: 2 })).toMatchObject({ status: 400, body: { field: 'errorRate' } });
    expect(await api.put(`functions/${name('direct')}/fault`, { latencyMs: -1 })).toMatchObject({ status: 400, body: { field: 'latencyMs' } });
    expect(await api.put(`functions/${name('direct')}/fault`, { duplicateRate: '1' })).toMatchObject({ status: 400, body: { field: 'duplicateRate' } });
    expect(await api.put('functions/nope/fault', { errorRate: 1 })).toMatchObject({ status: 404 });
  });

  it('a dead-lettered message is redriven to its source queue while its mapping is paused, then resumed', async () => {
    // Prepare: the worker fails a poison message; after 2 receives it is in the DLQ.
    await api.post(`queues/${name('work')}/messages`, { body: poison('poison-1') });
    await eventually(async () => expect((await queue('workDlq')).visible).toBe(1), 'the dead letter');
    expect((await queue('work')).deadLetterDepth).toBe(1);
    const mapping = (await overview()).eventSourceMappings.find((m) => m.kind === 'sqs')!;

    // Act
    const paused = await api.post(`event-source-mappings/${mapping.uuid}/pause`);
    const redrive = await api.post(`queues/${name('workDlq')}/redrive`, {});

    // Assess: back in its source queue, where the paused mapping leaves it.
    expect(paused).toMatchObject({ status: 200, body: { uuid: mapping.uuid, state: 'Disabled' } });
    expect(redrive).toMatchObject({ status: 200, body: { taskHandle: expect.any(String) } });
    await eventually(async () => {
      const { body } = await api.get<{ tasks: { Status: string; ApproximateNumberOfMessagesMoved: number }[] }>(`queues/${name('workDlq')}/redrive`);
      expect(body.tasks[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    }, 'the completed move task');
    expect(await queue('work')).toMatchObject({ visible: 1, deadLetterDepth: 0 });
    expect((await queue('workDlq')).redrive).toEqual({ status: 'COMPLETED', moved: 1, toMove: 1 });
    const resumed = await api.post(`event-source-mappings/${mapping.uuid}/resume`);
    expect(resumed).toMatchObject({ status: 200, body: { state: 'Enabled' } });
    await eventually(async () => expect((await queue('workDlq')).visible).toBe(1), 'the poison message dead-lettered again');
  });

  it('refuses a redrive out of a queue that is no DLQ, a bad rate or destination, a cancel with nothing running, an unknown mapping', async () => {
    expect(await api.post(`queues/${name('work')}/redrive`, {})).toMatchObject({ status: 400, body: { error: 'InvalidParameterValue', message: 'Source queue must be configured as a Dead Letter Queue.' } });
    expect(await api.post(`queues/${name('workDlq')}/redrive`, { maxPerSecond: 0 })).toMatchObject({ status: 400, body: { field: 'maxPerSecond' } });
    expect(await api.post(`queues/${name('workDlq')}/redrive`, { destination: 'nope' })).toMatchObject({ status: 400, body: { field: 'destination' } });
    expect(await api.post(`queues/${name('workDlq')}/redrive/cancel`, {})).toMatchObject({ status: 400, body: { field: 'taskHandle' } });
    expect(await api.post('event-source-mappings/00000000-0000-5000-8000-000000000000/pause')).toMatchObject({ status: 404 });
    expect(await api.get('nothing-here')).toMatchObject({ status: 404, body: { error: 'NotFound' } });
  });

  it('a redrive to another queue at a rate is cancelled through the dashboard (the DLQ set up through the SQS API)', async () => {
    // Prepare: a DLQ with three dead letters of one source, moved at 1 message a second.
    const sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: cloud.services.sqs.queueUrl(name('transformed')), Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: cloud.services.sqs.queueArn(name('streamFailures')), maxReceiveCount: 1 }) } }));
    for (const body of ['a', 'b', 'c']) cloud.services.sqs.sendMessage(name('streamFailures'), { body });

    // Act
    const started = await api.post(`queues/${name('streamFailures')}/redrive`, { destination: name('transformed'), maxPerSecond: 1 });
    const cancelled = await api.post(`queues/${name('streamFailures')}/redrive/cancel`, {});

    // Assess
    expect(started.status).toBe(200);
    expect(cancelled).toMatchObject({ status: 200, body: { moved: expect.any(Number) } });
    await eventually(async () => expect((await queue('streamFailures')).redrive?.status).toBe('CANCELLED'), 'the cancelled task');
    sqs.destroy();
  });
});
