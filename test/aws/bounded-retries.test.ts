import { beforeAll, describe, expect, it } from 'vitest';
import { dispensaryApp } from '../../src/apps/dispensary/topology.ts';
import { ecommerceApp } from '../../src/apps/ecommerce/topology.ts';
import { apps } from '../../src/apps/index.ts';
import { serviceLimitsApp } from '../../src/apps/service-limits/topology.ts';
import { synthesize, type CfnResource, type Props, type Synthesized } from './helpers.ts';

/**
 * Issue 15 (F2) on AWS: read from the synthesized templates, every pipe and every stream event source
 * mapping of the apps stops retrying, bisects its batches and sends what it gives up on to a queue
 * its role may send to.
 */

interface Statement {
  Action?: string | string[];
  Resource?: unknown;
}

const list = <V>(value: V | V[] | undefined): V[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const getAttId = (value: unknown): string | undefined => (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];

/** The statements of every policy attached to a role (by its logical id). */
function roleStatements(s: Synthesized, roleId: string): Statement[] {
  return s
    .ofType('AWS::IAM::Policy')
    .filter(([, policy]) => list(policy.Properties?.Roles as Props[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => list((policy.Properties!.PolicyDocument as Props).Statement as Statement[]));
}

/** Whether a role may `sqs:SendMessage` to the queue with this logical id. */
function maySend(s: Synthesized, roleId: string, queueId: string): boolean {
  return roleStatements(s, roleId).some((st) => list(st.Action).includes('sqs:SendMessage') && list(st.Resource).some((resource) => getAttId(resource) === queueId));
}

const isQueue = (s: Synthesized, id: string | undefined) => id !== undefined && s.json.Resources[id]?.Type === 'AWS::SQS::Queue';

/** Stream mappings (DynamoDB Streams, Kinesis): those whose source is not a queue. */
function streamMappings(s: Synthesized): [string, Props][] {
  return s
    .ofType('AWS::Lambda::EventSourceMapping')
    .map(([id, mapping]): [string, Props] => [id, mapping.Properties ?? {}])
    .filter(([, props]) => !isQueue(s, getAttId(props.EventSourceArn)));
}

/** The role of the function a mapping invokes. */
function mappingRoleId(s: Synthesized, mapping: Props): string {
  const fnId = (mapping.FunctionName as { Ref: string }).Ref;
  return getAttId((s.json.Resources[fnId] as CfnResource).Properties!.Role)!;
}

describe.each(apps.map((app) => [app.name, app] as const))('bounded retries on AWS: %s', (_name, app) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize([app], { stage: 'dev' })[0]!;
  });

  it('every pipe: bounded retries, bisect for batches, a dead-letter queue its role may send to', () => {
    for (const [id, pipe] of s.ofType('AWS::Pipes::Pipe')) {
      const source = (pipe.Properties!.SourceParameters as Props).DynamoDBStreamParameters as Props;
      const bounded = (source.MaximumRetryAttempts as number | undefined ?? -1) >= 0 || (source.MaximumRecordAgeInSeconds as number | undefined ?? -1) >= 0;
      expect(bounded, `${id} retries forever`).toBe(true);
      expect(source.BatchSize, id).toBeDefined();
      if ((source.BatchSize as number) > 1) expect(source.OnPartialBatchItemFailure, id).toBe('AUTOMATIC_BISECT');
      const dlqId = getAttId((source.DeadLetterConfig as Props | undefined)?.Arn);
      expect(isQueue(s, dlqId), `${id} has no SQS dead-letter queue`).toBe(true);
      expect(maySend(s, getAttId(pipe.Properties!.RoleArn)!, dlqId!), `${id}: its role cannot send to its DLQ`).toBe(true);
    }
  });

  it('every stream mapping: bounded retries, bisect for batches, an on-failure queue its function may send to', () => {
    for (const [id, mapping] of streamMappings(s)) {
      const bounded = (mapping.MaximumRetryAttempts as number | undefined ?? -1) >= 0 || (mapping.MaximumRecordAgeInSeconds as number | undefined ?? -1) >= 0;
      expect(bounded, `${id} retries forever`).toBe(true);
      if ((mapping.BatchSize as number | undefined ?? 100) > 1) expect(mapping.BisectBatchOnFunctionError, id).toBe(true);
      const queueId = getAttId((mapping.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination);
      expect(isQueue(s, queueId), `${id} has no on-failure queue`).toBe(true);
      expect(maySend(s, mappingRoleId(s, mapping), queueId!), `${id}: its function cannot send to its on-failure queue`).toBe(true);
    }
  });
});

describe('bounded retries on AWS: the settings each app declares', () => {
  it('ecommerce: the pipe takes 10 records, retries 10 times, bisects, dead-letters to storeToBusDlq', () => {
    const [s] = synthesize([ecommerceApp()], { stage: 'dev' });
    const [, pipe] = s!.named('AWS::Pipes::Pipe', 'Name', s!.ctx.name('pipe', 'storeToBus'));

    expect(pipe.SourceParameters).toMatchObject({
      DynamoDBStreamParameters: {
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 10,
        OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [s!.idOf('queue', 'storeToBusDlq'), 'Arn'] } },
      },
    });
    expect((pipe.SourceParameters as Props).DynamoDBStreamParameters).not.toHaveProperty('MaximumRecordAgeInSeconds');
    const [, dlq] = s!.named('AWS::SQS::Queue', 'QueueName', s!.ctx.name('queue', 'storeToBusDlq'));
    expect(dlq.MessageRetentionPeriod).toBe(1_209_600);
  });

  it('service-limits: each counter mapping retries 10 times, bisects and sends failures to its own DLQ', () => {
    const [s] = synthesize([serviceLimitsApp()], { stage: 'dev' });
    const mappings = streamMappings(s!);

    expect(mappings).toHaveLength(2);
    for (const fn of ['service-insert-counter', 'service-modify-counter']) {
      const fnId = s!.named('AWS::Lambda::Function', 'FunctionName', s!.ctx.name('function', fn))[0];
      const [, mapping] = mappings.find(([, m]) => (m.FunctionName as { Ref: string }).Ref === fnId)!;
      expect(mapping).toMatchObject({
        BatchSize: 50,
        MaximumRetryAttempts: 10,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [s!.idOf('queue', `${fn}-dlq`), 'Arn'] } } },
      });
    }
  });

  it('dispensary: the publisher and the views projector retry 3 times, bisect, and have their DLQs', () => {
    const [s] = synthesize([dispensaryApp()], { stage: 'dev' });
    const byQueue = new Map(streamMappings(s!).map(([, m]) => [getAttId((m.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination), m]));

    expect(byQueue.get(s!.idOf('queue', 'publisher-dlq'))).toMatchObject({ MaximumRetryAttempts: 3, MaximumRecordAgeInSeconds: 604_800, BisectBatchOnFunctionError: true });
    expect(byQueue.get(s!.idOf('queue', 'projector-views-dlq'))).toMatchObject({ BatchSize: 10, MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true });
  });
});
