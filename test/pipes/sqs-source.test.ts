import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { PipePlan, QueuePlan } from '../../src/local-cloud/deploy/plan.ts';
import { arn } from '../../src/local-cloud/identity.ts';
import { eventually, pipeCloud, type PipeCloud } from './support.ts';

let t: PipeCloud;

beforeAll(async () => {
  t = await pipeCloud();
});

afterAll(async () => {
  await t?.close();
});

/** A source queue `<name>-in` whose messages move to `<name>-dlq` after `maxReceiveCount` receives. */
function sourceQueues(name: string, visibilitySeconds = 30, maxReceiveCount?: number): QueuePlan[] {
  const redrive: Record<string, string> = maxReceiveCount === undefined ? {} : { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('sqs', `${name}-dlq`), maxReceiveCount }) };
  return [
    { name: `${name}-dlq`, attributes: {} },
    { name: `${name}-in`, attributes: { VisibilityTimeout: String(visibilitySeconds), ...redrive } },
  ];
}

const pipe = (name: string, rest: Omit<PipePlan, 'name' | 'source' | 'filters' | 'sourceParameters'> & Partial<PipePlan>): PipePlan => ({
  name,
  source: { kind: 'sqs', queueName: `${name}-in` },
  sourceParameters: {},
  filters: [],
  ...rest,
});

const bodies = (batches: SQSRecord[][]) => batches.flat().map((record) => JSON.parse(record.body) as Record<string, unknown>);

// Each test has its own queues, functions and pipe: they run at once.
describe.concurrent('a pipe reading an SQS queue', () => {
  it('deletes the messages no filter matches and, once delivered, the others', async ({ expect }) => {
    const stack = await t.deploy('sqs-filter', { queues: [...sourceQueues('sqs-filter'), { name: 'sqs-filter-out', attributes: {} }] }, () => ({
      pipes: [pipe('sqs-filter', { filters: [{ body: { type: ['order'] } }], target: { kind: 'sqs', queueName: 'sqs-filter-out' } })],
    }));
    const out = t.inbox('sqs-filter-out');

    for (const body of [{ type: 'order', id: 1 }, { type: 'refund', id: 2 }, 'order']) await t.send('sqs-filter-in', body);

    const [delivered] = await out.until(1);
    expect(delivered).toMatchObject({ eventSource: 'aws:sqs', body: '{"type":"order","id":1}' });
    await eventually(async () => expect(await t.depth('sqs-filter-in')).toEqual({ visible: 0, inFlight: 0 }), 'an empty source queue');
    expect(stack.pipes[0]!.stats()).toEqual({ delivered: 1, filteredOut: 2 });
  });

  it("leaves a failed batch to reappear after the visibility timeout, and to the queue's own redrive", async ({ expect }) => {
    await t.deploy('sqs-retry', { queues: sourceQueues('sqs-retry', 1, 2) }, () => ({
      functions: [t.fn('sqs-retry-target', 'refuse')],
      pipes: [pipe('sqs-retry', { target: { kind: 'lambda', functionName: 'sqs-retry-target', invocationType: 'REQUEST_RESPONSE' } })],
    }));
    const dlq = t.inbox('sqs-retry-dlq');

    await t.send('sqs-retry-in', { id: 'x' });

    expect(await dlq.until(1)).toEqual([{ id: 'x' }]);
    const attempts = t.calls<SQSRecord>('sqs-retry-target').flat();
    expect(attempts.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
  });

  it('deletes what the target took and lets only the items it reported failed reappear', async ({ expect }) => {
    await t.deploy('sqs-partial', { queues: sourceQueues('sqs-partial', 1, 2) }, () => ({
      functions: [t.fn('sqs-partial-target', 'reportFailures')],
      pipes: [pipe('sqs-partial', { target: { kind: 'lambda', functionName: 'sqs-partial-target', invocationType: 'REQUEST_RESPONSE' } })],
    }));
    const dlq = t.inbox('sqs-partial-dlq');

    await t.sendBatch('sqs-partial-in', [{ id: 'a' }, { id: 'b', fail: true }, { id: 'c' }]);

    expect(await dlq.until(1)).toEqual([{ id: 'b', fail: true }]);
    const batches = t.calls<SQSRecord>('sqs-partial-target');
    expect(bodies(batches).map((body) => body.id)).toEqual(['a', 'b', 'c', 'b']);
    expect(batches[0]).toHaveLength(3);
  });

  it('gathers a batch for the batching window', async ({ expect }) => {
    await t.deploy('sqs-window', { queues: sourceQueues('sqs-window') }, () => ({
      functions: [t.fn('sqs-window-target', 'accept')],
      pipes: [
        pipe('sqs-window', {
          sourceParameters: { batchSize: 5, maximumBatchingWindowInSeconds: 2 },
          target: { kind: 'lambda', functionName: 'sqs-window-target', invocationType: 'REQUEST_RESPONSE' },
        }),
      ],
    }));

    for (const id of ['a', 'b', 'c']) await t.send('sqs-window-in', { id });

    const batches = await eventually(() => t.calls<SQSRecord>('sqs-window-target').length > 0 && t.calls<SQSRecord>('sqs-window-target'), 'the batch');
    expect(bodies(batches)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(batches).toHaveLength(1);
  });

  it("replaces the batch with the enrichment's result, and calls no target when it returns nothing", async ({ expect }) => {
    const enrichmentArn = arn('lambda', 'function:sqs-enrich-fn');
    await t.deploy('sqs-enrich', { queues: sourceQueues('sqs-enrich') }, () => ({
      functions: [t.fn('sqs-enrich-fn', 'enrich'), t.fn('sqs-enrich-target', 'accept')],
      pipes: [
        pipe('sqs-enrich', {
          sourceParameters: { batchSize: 10, maximumBatchingWindowInSeconds: 1 },
          enrichment: { functionName: 'sqs-enrich-fn', inputTemplate: '{"id": <$.body.id>, "drop": <$.body.drop>}' },
          target: { kind: 'lambda', functionName: 'sqs-enrich-target', invocationType: 'REQUEST_RESPONSE' },
          inputTemplate: '{"id": "<$.id>", "enriched": <$.enriched>, "by": <aws.pipes.enrichment-arn>}',
        }),
      ],
    }));

    for (const [id, drop] of [['a', false], ['b', true], ['c', false]] as const) await t.send('sqs-enrich-in', { id, drop });
    const delivered = await eventually(() => t.calls('sqs-enrich-target').length > 0 && t.calls('sqs-enrich-target'), 'the enriched batch');
    await t.send('sqs-enrich-in', { id: 'd', drop: true });
    await eventually(() => t.calls('sqs-enrich-fn').length === 2, 'the second enrichment');
    await eventually(async () => expect(await t.depth('sqs-enrich-in')).toEqual({ visible: 0, inFlight: 0 }), 'an empty source queue');

    expect(t.calls('sqs-enrich-fn')).toEqual([
      [
        { id: 'a', drop: false },
        { id: 'b', drop: true },
        { id: 'c', drop: false },
      ],
      [{ id: 'd', drop: true }],
    ]);
    expect(delivered).toEqual([
      [
        { id: 'a', enriched: true, by: enrichmentArn },
        { id: 'c', enriched: true, by: enrichmentArn },
      ],
    ]);
    expect(t.calls('sqs-enrich-target')).toHaveLength(1);
  });

  it('invokes a FIRE_AND_FORGET target asynchronously and deletes the batch once the invocation is queued', async ({ expect }) => {
    await t.deploy('sqs-async', { queues: sourceQueues('sqs-async') }, () => ({
      functions: [t.fn('sqs-async-target', 'accept')],
      pipes: [pipe('sqs-async', { target: { kind: 'lambda', functionName: 'sqs-async-target', invocationType: 'FIRE_AND_FORGET' } })],
    }));

    await t.send('sqs-async-in', { id: 'z' });

    const [batch] = await eventually(() => t.calls<SQSRecord>('sqs-async-target').length > 0 && t.calls<SQSRecord>('sqs-async-target'), 'the asynchronous call');
    expect(bodies([batch!])).toEqual([{ id: 'z' }]);
    await eventually(async () => expect(await t.depth('sqs-async-in')).toEqual({ visible: 0, inFlight: 0 }), 'an empty source queue');
  });
});
