import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipePlan, PipeSourceDefinition, PipeTargetDefinition } from '../../src/local-cloud/deploy/plan.ts';
import { pipeCloud, eventually, type PipeCloud } from './support.ts';

// Every source kind × every target kind, each pipe with its own source and target, all in one stack
// deployed as a template loader would deploy it.

const SOURCES = ['dynamodb', 'kinesis', 'sqs'] as const;
const TARGETS = ['bus', 'sqs', 'lambda', 'kinesis'] as const;
type SourceKind = (typeof SOURCES)[number];
type TargetKind = (typeof TARGETS)[number];
const combos = SOURCES.flatMap((source) => TARGETS.map((target) => [source, target] as const));

const id = (source: SourceKind, target: TargetKind) => `mx-${source}-${target}`;
const sourceName = (source: SourceKind, target: TargetKind) => `${id(source, target)}-in`;
const targetName = (source: SourceKind, target: TargetKind) => `${id(source, target)}-out`;

let t: PipeCloud;

beforeAll(async () => {
  t = await pipeCloud();
  const pipes: PipePlan[] = combos.map(([source, target]) => ({
    name: id(source, target),
    source: sourceOf(source, sourceName(source, target)),
    sourceParameters: { startingPosition: 'TRIM_HORIZON' },
    filters: [],
    target: targetOf(target, targetName(source, target)),
  }));
  await t.deploy(
    'matrix',
    {
      tables: combos.filter(([s]) => s === 'dynamodb').map(([s, g]) => t.table(sourceName(s, g))),
      kinesisStreams: combos.flatMap(([s, g]) => [
        ...(s === 'kinesis' ? [sourceName(s, g)] : []),
        ...(g === 'kinesis' ? [targetName(s, g)] : []),
      ]).map((name) => ({ name, shardCount: 1, retentionHours: 24 })),
      queues: combos.flatMap(([s, g]) => [
        ...(s === 'sqs' ? [sourceName(s, g)] : []),
        ...(g === 'sqs' ? [targetName(s, g)] : []),
        ...(g === 'bus' ? [`${targetName(s, g)}-events`] : []),
      ]).map((name) => ({ name, attributes: {} })),
      buses: combos.filter(([, g]) => g === 'bus').map(([s, g]) => targetName(s, g)),
    },
    () => ({
      functions: combos.filter(([, g]) => g === 'lambda').map(([s, g]) => t.fn(targetName(s, g), 'accept')),
      // Each bus forwards everything to a queue the test reads.
      rules: combos.filter(([, g]) => g === 'bus').map(([s, g]) => ({
        name: 'everything',
        busName: targetName(s, g),
        eventPattern: { source: [{ prefix: '' }] },
        enabled: true,
        targets: [{ id: 'queue', arn: t.cloud.services.sqs.queueArn(`${targetName(s, g)}-events`) }],
      })),
      pipes,
    }),
  );
});

afterAll(async () => {
  await t?.close();
});

function sourceOf(kind: SourceKind, name: string): PipeSourceDefinition {
  if (kind === 'dynamodb') return { kind, tableName: name };
  return kind === 'kinesis' ? { kind, streamName: name } : { kind, queueName: name };
}

function targetOf(kind: TargetKind, name: string): PipeTargetDefinition {
  switch (kind) {
    case 'bus':
      return { kind, busName: name };
    case 'sqs':
      return { kind, queueName: name };
    case 'lambda':
      return { kind, functionName: name, invocationType: 'REQUEST_RESPONSE' };
    case 'kinesis':
      // A dynamic path parameter: each record's key comes from its event.
      return { kind, streamName: name, partitionKey: '$.eventSource' };
  }
}

/** Writes one event carrying `marker` into the source. */
async function produce(source: SourceKind, name: string, marker: string): Promise<void> {
  if (source === 'dynamodb') await t.put(name, marker);
  else if (source === 'kinesis') await t.putRecord(name, marker, { marker });
  else await t.send(name, { marker });
}

/** The one event delivered to the target, as the pipe sent it. */
async function consume(target: TargetKind, name: string): Promise<{ event: unknown; partitionKey?: string }> {
  switch (target) {
    case 'bus': {
      const [envelope] = await t.inbox(`${name}-events`).until(1);
      return { event: envelope };
    }
    case 'sqs': {
      const [body] = await t.inbox(name).until(1);
      return { event: body };
    }
    case 'lambda': {
      const [batch] = await eventually(() => t.calls(name).length > 0 && t.calls(name), `a call of ${name}`);
      return { event: batch };
    }
    case 'kinesis': {
      const [record] = await eventually(async () => (await t.streamRecords(name)).length > 0 && t.streamRecords(name), `a record on ${name}`);
      return { event: record!.data, partitionKey: record!.partitionKey };
    }
  }
}

/** The source event in AWS's Pipes shape for its kind. */
function sourceEvent(source: SourceKind, marker: string): Record<string, unknown> {
  const base64 = Buffer.from(JSON.stringify({ marker })).toString('base64');
  switch (source) {
    case 'dynamodb':
      return { eventSource: 'aws:dynamodb', eventName: 'INSERT', dynamodb: { Keys: { pk: { S: marker } } } };
    case 'kinesis':
      return { eventSource: 'aws:kinesis', eventName: 'aws:kinesis:record', kinesisSchemaVersion: '1.0', partitionKey: marker, data: base64 };
    case 'sqs':
      return { eventSource: 'aws:sqs', body: JSON.stringify({ marker }), messageId: expect.any(String), attributes: { ApproximateReceiveCount: '1' } };
  }
}

describe.concurrent('a pipe from each source kind to each target kind', () => {
  it.for(combos)('%s → %s', async ([source, target], { expect: check }) => {
    const marker = `${source}-${target}-1`;

    await produce(source, sourceName(source, target), marker);

    const { event, partitionKey } = await consume(target, targetName(source, target));
    const expected = sourceEvent(source, marker);
    if (target === 'bus') {
      check(event).toMatchObject({ source: `Pipe ${id(source, target)}`, 'detail-type': `Event from aws:${source}`, resources: [], detail: expected });
    } else if (target === 'lambda') {
      check(event).toMatchObject([expected]);
    } else {
      check(event).toMatchObject(expected);
    }
    if (target === 'kinesis') check(partitionKey).toBe(`aws:${source}`);
  });
});
