import { afterAll, beforeAll, describe, it } from 'vitest';
import type { PipePlan } from '../../src/local-cloud/deploy/plan.ts';
import { arn } from '../../src/local-cloud/identity.ts';
import { eventually, pipeCloud, type PipeCloud } from './support.ts';

let t: PipeCloud;

beforeAll(async () => {
  t = await pipeCloud();
});

afterAll(async () => {
  await t?.close();
});

const stream = (name: string) => ({ name, shardCount: 1, retentionHours: 24 });
const kinesisPipe = (name: string, rest: Omit<PipePlan, 'name' | 'source' | 'filters' | 'sourceParameters'> & Partial<PipePlan>): PipePlan => ({
  name,
  source: { kind: 'kinesis', streamName: `${name}-in` },
  sourceParameters: { startingPosition: 'TRIM_HORIZON' },
  filters: [],
  ...rest,
});

// Each test has its own streams, queues, functions and pipe: they run at once.
describe.concurrent('a pipe reading a stream', () => {
  it('parses Kinesis data holding JSON before the filters and the input template', async ({ expect }) => {
    const stack = await t.deploy('kin-json', { kinesisStreams: [stream('kin-json-in')], queues: [{ name: 'kin-json-out', attributes: {} }] }, () => ({
      pipes: [
        kinesisPipe('kin-json', {
          filters: [{ data: { city: ['Seattle'] } }],
          target: { kind: 'sqs', queueName: 'kin-json-out' },
          inputTemplate: '{"city": <$.data.city>, "temp": <$.data.temp>, "key": "<$.partitionKey>", "pipe": <aws.pipes.pipe-name>, "from": <aws.pipes.source-arn>}',
        }),
      ],
    }));
    const out = t.inbox('kin-json-out');

    await t.putRecord('kin-json-in', 'k1', { city: 'Seattle', temp: 46 });
    await t.putRecord('kin-json-in', 'k2', { city: 'Boston', temp: 51 });
    await t.putRecord('kin-json-in', 'k3', 'Seattle, but not JSON');

    expect(await out.until(1)).toEqual([{ city: 'Seattle', temp: 46, key: 'k1', pipe: 'kin-json', from: stack.kinesisStreams.get('kin-json-in')!.streamArn }]);
    await eventually(() => expect(stack.pipes[0]!.stats()).toEqual({ delivered: 1, filteredOut: 2 }), 'two records filtered out');
  });

  it('sends a DynamoDB record to a bus with its target parameters and a template', async ({ expect }) => {
    const table = t.table('ddb-bus-in');
    await t.deploy('ddb-bus', { tables: [table], buses: ['ddb-bus-out'], queues: [{ name: 'ddb-bus-events', attributes: {} }] }, () => ({
      rules: [
        {
          name: 'orders',
          busName: 'ddb-bus-out',
          eventPattern: { 'detail-type': ['OrderChanged'] },
          enabled: true,
          targets: [{ id: 'queue', arn: t.cloud.services.sqs.queueArn('ddb-bus-events') }],
        },
      ],
      pipes: [
        {
          name: 'ddb-bus',
          source: { kind: 'dynamodb', tableName: 'ddb-bus-in' },
          sourceParameters: { startingPosition: 'TRIM_HORIZON' },
          filters: [{ eventName: ['INSERT'] }],
          target: { kind: 'bus', busName: 'ddb-bus-out', source: '$.dynamodb.NewImage.origin.S', detailType: 'OrderChanged' },
          inputTemplate: '{"order": <$.dynamodb.Keys.pk.S>, "note": "order <$.dynamodb.Keys.pk.S> is <$.dynamodb.NewImage.status.S>", "pipe": <aws.pipes.pipe-arn>, "record": <aws.pipes.event.json>}',
        },
      ],
    }));
    const events = t.inbox('ddb-bus-events');

    await t.put('ddb-bus-in', 'o-1', { origin: 'shop.web', status: 'paid' });

    const [event] = await events.until(1);
    expect(event).toMatchObject({
      source: 'shop.web',
      'detail-type': 'OrderChanged',
      detail: { order: 'o-1', note: 'order o-1 is paid', pipe: arn('pipes', 'pipe/ddb-bus'), record: { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'o-1' } } } } },
    });
  });

  it("gives up on a Kinesis batch after its retries and sends AWS's Kinesis failure record to the dead-letter queue", async ({ expect }) => {
    const stack = await t.deploy('kin-dlq', { kinesisStreams: [stream('kin-dlq-in')], queues: [{ name: 'kin-dlq-failures', attributes: {} }] }, () => ({
      functions: [t.fn('kin-dlq-target', 'refuse')],
      pipes: [
        kinesisPipe('kin-dlq', {
          sourceParameters: { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 1 },
          target: { kind: 'lambda', functionName: 'kin-dlq-target', invocationType: 'REQUEST_RESPONSE' },
          deadLetterQueue: 'kin-dlq-failures',
        }),
      ],
    }));
    const failures = t.inbox('kin-dlq-failures');

    const put = await t.putRecord('kin-dlq-in', 'k', { id: 'poison' });

    const [failure] = await failures.until(1);
    expect(failure).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', functionArn: stack.pipes[0]!.arn, approximateInvokeCount: 2 },
      KinesisBatchInfo: {
        shardId: put.ShardId,
        startSequenceNumber: put.SequenceNumber,
        endSequenceNumber: put.SequenceNumber,
        batchSize: 1,
        streamArn: stack.kinesisStreams.get('kin-dlq-in')!.streamArn },
    });
    expect(t.calls('kin-dlq-target')).toHaveLength(2);
  });

  it('gathers Kinesis records for the batching window, in order', async ({ expect }) => {
    await t.deploy('kin-window', { kinesisStreams: [stream('kin-window-in')] }, () => ({
      functions: [t.fn('kin-window-target', 'accept')],
      pipes: [
        kinesisPipe('kin-window', {
          sourceParameters: { startingPosition: 'TRIM_HORIZON', batchSize: 10, maximumBatchingWindowInSeconds: 2 },
          target: { kind: 'lambda', functionName: 'kin-window-target', invocationType: 'REQUEST_RESPONSE' },
          inputTemplate: '<$.data.id>',
        }),
      ],
    }));

    for (const id of ['a', 'b', 'c']) await t.putRecord('kin-window-in', 'k', { id });

    expect(await eventually(() => t.calls('kin-window-target').length > 0 && t.calls('kin-window-target'), 'the batch')).toEqual([['a', 'b', 'c']]);
  });

  it('refuses a pipe whose template names an unknown variable, naming the pipe', async ({ expect }) => {
    const deploy = t.deploy('bad-pipe', { queues: [{ name: 'bad-pipe-in', attributes: {} }] }, () => ({
      pipes: [{ name: 'bad-pipe', source: { kind: 'sqs', queueName: 'bad-pipe-in' }, sourceParameters: {}, filters: [], target: { kind: 'sqs', queueName: 'bad-pipe-in' }, inputTemplate: '{"a": <aws.pipes.nope>}' }],
    }));

    await expect(deploy).rejects.toThrow('Pipe bad-pipe: InputTemplate: unknown variable <aws.pipes.nope>');
  });
});
