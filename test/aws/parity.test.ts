import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../src/apps/index.ts';
import { parseHandler } from '../../src/aws/functions.ts';
import { apiOutputId } from '../../src/aws/http-apis.ts';
import { DEFAULT_PROJECT_ROOT } from '../../src/aws/options.ts';
import type * as T from '../../src/platform/topology/types.ts';
import { fixtureApp } from './fixture.ts';
import { synthesize, type Props, type Synthesized } from './helpers.ts';

/**
 * Walks every declaration of every app and maps each key actually present to the CloudFormation
 * property it must produce. A key without an entry here fails (at compile time through the mapped
 * types, at run time through `checkAll`), so a topology setting the synthesizer forgets cannot pass.
 */
type Check<D> = { [K in keyof Required<D>]-?: (actual: Props, value: NonNullable<D[K]>, s: Synthesized) => void };

function checkAll<D extends object>(what: string, def: D, checks: Check<D>, actual: Props, s: Synthesized): void {
  for (const [key, value] of Object.entries(def)) {
    if (value === undefined) continue;
    const check = (checks as Record<string, (actual: Props, value: unknown, s: Synthesized) => void>)[key];
    if (!check) throw new Error(`${what}: no parity check for "${key}"; synthesize it and map it here`);
    check(actual, value, s);
  }
}

/** A function's logical id, found in the template by its physical name. */
const fnId = (s: Synthesized, name: string): string => s.named('AWS::Lambda::Function', 'FunctionName', s.ctx.name('function', name))[0];

const prop = (actual: Props, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Props | undefined)?.[key], actual);
const same = (path: string) => (actual: Props, value: unknown) => expect(prop(actual, path), path).toEqual(value);
const attrType = (actual: Props, key: T.KeyAttribute) =>
  expect(actual.AttributeDefinitions).toContainEqual({ AttributeName: key.name, AttributeType: key.type });

/** Filters as `[{Pattern: <JSON text>}]`, one per declared pattern, in order. */
function expectPatterns(actual: unknown, patterns: readonly T.EventPattern[], s: Synthesized): void {
  const filters = actual as Props[];
  expect(filters).toHaveLength(patterns.length);
  patterns.forEach((pattern, i) => {
    expect(Object.keys(filters[i]!)).toEqual(['Pattern']);
    s.expectJsonText(filters[i]!.Pattern, pattern);
  });
}

const tableChecks: Check<T.TableDef> = {
  partitionKey: (a, key) => {
    expect(a.KeySchema).toContainEqual({ AttributeName: key.name, KeyType: 'HASH' });
    attrType(a, key);
  },
  sortKey: (a, key) => {
    expect(a.KeySchema).toContainEqual({ AttributeName: key.name, KeyType: 'RANGE' });
    attrType(a, key);
  },
  globalSecondaryIndexes: (a, indexes) => {
    const actual = a.GlobalSecondaryIndexes as Props[];
    expect(actual).toHaveLength(indexes.length);
    for (const index of indexes) {
      const found = actual.find((gsi) => gsi.IndexName === index.name)!;
      expect(found.KeySchema).toEqual([
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      for (const key of [index.partitionKey, index.sortKey]) if (key) attrType(a, key);
      const projection = index.projection ?? 'ALL';
      expect(found.Projection).toEqual(typeof projection === 'string' ? { ProjectionType: projection } : { ProjectionType: 'INCLUDE', NonKeyAttributes: projection.include });
    }
  },
  stream: same('StreamSpecification.StreamViewType'),
  timeToLiveAttribute: (a, name) => expect(a.TimeToLiveSpecification).toEqual({ AttributeName: name, Enabled: true }),
  pointInTimeRecovery: same('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'),
  tags: (a, tags) => {
    for (const [Key, Value] of Object.entries(tags)) expect(a.Tags).toContainEqual({ Key, Value });
  },
};

const seconds = (path: string) => same(path);
const queueChecks: Check<T.QueueDef> = {
  visibilityTimeoutSeconds: seconds('VisibilityTimeout'),
  messageRetentionSeconds: seconds('MessageRetentionPeriod'),
  delaySeconds: seconds('DelaySeconds'),
  receiveMessageWaitTimeSeconds: seconds('ReceiveMessageWaitTimeSeconds'),
  maximumMessageSizeBytes: same('MaximumMessageSize'),
  deadLetterQueue: () => undefined, // needs the app: checked with the queue below
};

const pipeSourceChecks: Check<NonNullable<T.PipeDef['source']>> = {
  batchSize: same('BatchSize'),
  maximumBatchingWindowInSeconds: same('MaximumBatchingWindowInSeconds'),
  startingPosition: same('StartingPosition'),
  maximumRetryAttempts: same('MaximumRetryAttempts'),
  maximumRecordAgeInSeconds: same('MaximumRecordAgeInSeconds'),
  onPartialBatchItemFailure: same('OnPartialBatchItemFailure'),
  deadLetterQueue: () => undefined, // needs the context: checked in pipeChecks
};
const pipeChecks: Check<T.PipeDef> = {
  sourceTable: (a, table, s) => expect(a.Source).toEqual(s.ref({ ref: 'tableStreamArn', name: table })),
  source: (a, source, s) => {
    const params = prop(a, 'SourceParameters.DynamoDBStreamParameters') as Props;
    checkAll('pipe source', source, pipeSourceChecks, params, s);
    if (source.deadLetterQueue) expect(params.DeadLetterConfig).toEqual({ Arn: s.ref({ ref: 'queueArn', name: source.deadLetterQueue }) });
  },
  filters: (a, filters, s) => expectPatterns(prop(a, 'SourceParameters.FilterCriteria.Filters'), filters, s),
  target: (a, target, s) =>
    checkAll('pipe target', target, {
      bus: (x, bus) => expect(x.Target).toEqual(s.ref({ ref: 'busArn', name: bus })),
      source: same('TargetParameters.EventBridgeEventBusParameters.Source'),
      detailType: same('TargetParameters.EventBridgeEventBusParameters.DetailType'),
    }, a, s),
};

const ruleTargetChecks = (s: Synthesized): Check<T.QueueTarget & T.FunctionTarget> => ({
  id: same('Id'),
  queue: (a, queue) => expect(a.Arn).toEqual(s.ref({ ref: 'queueArn', name: queue })),
  function: (a, fn) => expect(a.Arn).toEqual({ 'Fn::GetAtt': [fnId(s, fn), 'Arn'] }),
  retryPolicy: (a, policy) =>
    expect(a.RetryPolicy).toEqual({ MaximumRetryAttempts: policy.maximumRetryAttempts, MaximumEventAgeInSeconds: policy.maximumEventAgeInSeconds }),
  deadLetterQueue: (a, queue) => expect(a.DeadLetterConfig).toEqual({ Arn: s.ref({ ref: 'queueArn', name: queue }) }),
  input: same('Input'),
  inputPath: same('InputPath'),
  inputTransformer: (a, transformer) => expect(a.InputTransformer).toEqual({ InputPathsMap: transformer.inputPathsMap, InputTemplate: transformer.inputTemplate }),
});
const ruleChecks: Check<T.RuleDef> = {
  bus: (a, bus, s) => expect(a.EventBusName).toEqual(s.ref({ ref: 'busName', name: bus })),
  description: same('Description'),
  eventPattern: (a, pattern, s) => expect(a.EventPattern).toEqual(s.object(pattern)),
  enabled: (a, enabled) => expect(a.State).toBe(enabled ? 'ENABLED' : 'DISABLED'),
  targets: (a, targets, s) => {
    expect(a.Targets).toHaveLength(targets.length);
    targets.forEach((target, i) => checkAll(`rule target ${i}`, target, ruleTargetChecks(s), (a.Targets as Props[])[i]!, s));
  },
};

const filterCheck = (a: Props, criteria: T.FilterCriteria, s: Synthesized) => {
  expect(Object.keys(a.FilterCriteria as Props)).toEqual(['Filters']);
  expectPatterns(prop(a, 'FilterCriteria.Filters'), criteria.patterns, s);
};
const reportCheck = (a: Props, report: boolean) => expect(a.FunctionResponseTypes).toEqual(report ? ['ReportBatchItemFailures'] : undefined);
const sqsTriggerChecks: Check<T.SqsTrigger> = {
  type: () => undefined, // selects the map
  queue: () => undefined, // checked when the mapping is found (EventSourceArn)
  batchSize: same('BatchSize'),
  maximumBatchingWindowInSeconds: same('MaximumBatchingWindowInSeconds'),
  maximumConcurrency: same('ScalingConfig.MaximumConcurrency'),
  filterCriteria: filterCheck,
  reportBatchItemFailures: reportCheck,
  enabled: same('Enabled'),
};
const streamTriggerChecks: Check<T.StreamTrigger> = {
  type: () => undefined,
  table: () => undefined, // checked when the mapping is found (EventSourceArn)
  startingPosition: same('StartingPosition'),
  batchSize: same('BatchSize'),
  maximumBatchingWindowInSeconds: same('MaximumBatchingWindowInSeconds'),
  maximumRetryAttempts: same('MaximumRetryAttempts'),
  maximumRecordAgeInSeconds: same('MaximumRecordAgeInSeconds'),
  bisectBatchOnFunctionError: same('BisectBatchOnFunctionError'),
  parallelizationFactor: same('ParallelizationFactor'),
  filterCriteria: filterCheck,
  reportBatchItemFailures: reportCheck,
  onFailureQueue: (a, queue, s) => expect(prop(a, 'DestinationConfig.OnFailure.Destination')).toEqual(s.ref({ ref: 'queueArn', name: queue })),
  enabled: same('Enabled'),
};

const functionChecks = (name: string): Check<T.FunctionDef> => ({
  handler: (a, handler) => {
    const { file, exportName } = parseHandler(handler);
    expect(existsSync(join(DEFAULT_PROJECT_ROOT, file)), file).toBe(true);
    expect(a.Handler).toBe(`index.${exportName}`);
  },
  environment: (a, env, s) => {
    const expected = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : s.ref(v)]));
    expect(prop(a, 'Environment.Variables')).toEqual(expected);
  },
  tableAccess: (_a, access, s) => {
    // Exactly the declared actions on the table ARN, Query/Scan also on each declared GSI's ARN.
    const granted = grantsOf(s, name).filter(({ action }) => action.startsWith('dynamodb:') && !STREAM_ACTIONS.has(action));
    const expected = Object.entries(access).flatMap(([table, actions]) => {
      const arn = { 'Fn::GetAtt': [s.idOf('table', table), 'Arn'] };
      const indexes = (s.ctx.app.tables?.[table]?.globalSecondaryIndexes ?? []).map((gsi) => ({ 'Fn::Join': ['', [arn, `/index/${gsi.name}`]] }));
      return actions.flatMap((action) => [arn, ...(action === 'Query' || action === 'Scan' ? indexes : [])].map((resource) => ({ action: `dynamodb:${action}`, resource })));
    });
    expect(new Set(granted.map((g) => JSON.stringify(g)))).toEqual(new Set(expected.map((e) => JSON.stringify(e))));
  },
  bucketAccess: () => undefined, // PENDING(S3 helper): exact S3 grants per declared bucket
  timeoutSeconds: same('Timeout'),
  memoryMb: same('MemorySize'),
  reservedConcurrency: same('ReservedConcurrentExecutions'),
  triggers: (_a, triggers, s) => {
    const id = fnId(s, name);
    const mappings = s.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => (m.Properties!.FunctionName as Props).Ref === id);
    expect(mappings).toHaveLength(triggers.length);
    triggers.forEach((trigger, i) => {
      const mapping = mappings[i]![1].Properties!;
      if (trigger.type === 'sqs') {
        expect(mapping.EventSourceArn).toEqual(s.ref({ ref: 'queueArn', name: trigger.queue }));
        checkAll(`${name} trigger ${i}`, trigger, sqsTriggerChecks, mapping, s);
      } else if (trigger.type === 'dynamodb-stream') {
        expect(mapping.EventSourceArn).toEqual(s.ref({ ref: 'tableStreamArn', name: trigger.table }));
        checkAll(`${name} trigger ${i}`, trigger, streamTriggerChecks, mapping, s);
      }
    });
  },
});

const STREAM_ACTIONS = new Set(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']);

/** Every (action, resource) pair the policies attached to a function's role allow. */
function grantsOf(s: Synthesized, fnName: string): { action: string; resource: unknown }[] {
  const [, fn] = s.named('AWS::Lambda::Function', 'FunctionName', s.ctx.name('function', fnName));
  const roleId = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const list = <V>(value: V | V[] | undefined): V[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => list(p.Properties?.Roles as Props[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => list((p.Properties!.PolicyDocument as Props).Statement as { Effect: string; Action: string | string[]; Resource: unknown }[]))
    .filter((st) => st.Effect === 'Allow')
    .flatMap((st) => list(st.Action).flatMap((action) => list(st.Resource).map((resource) => ({ action, resource }))));
}

const corsChecks: Check<T.CorsDef> = {
  allowOrigins: same('AllowOrigins'),
  allowMethods: same('AllowMethods'),
  allowHeaders: same('AllowHeaders'),
  exposeHeaders: same('ExposeHeaders'),
  allowCredentials: same('AllowCredentials'),
  maxAgeSeconds: same('MaxAge'),
};
const httpApiChecks = (name: string, apiId: string): Check<T.HttpApiDef> => ({
  routes: (_a, routes, s) => {
    const actual = s.ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => (r.Properties!.ApiId as Props).Ref === apiId);
    expect(actual.map(([, r]) => r.Properties!.RouteKey).sort()).toEqual(routes.map((r) => r.route).sort());
    for (const route of routes) {
      const target = actual.find(([, r]) => r.Properties!.RouteKey === route.route)![1].Properties!.Target as { 'Fn::Join': [string, [string, Props]] };
      const integration = s.json.Resources[target['Fn::Join'][1][1].Ref as string]!.Properties!;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId(s, route.function), 'Arn'] } });
    }
  },
  cors: (a, cors, s) => checkAll(`${name} cors`, cors, corsChecks, a.CorsConfiguration as Props, s),
  baseUrlEnv: (_a, env, s) => expect(s.json.Outputs?.[apiOutputId(name, env)]).toEqual({ Description: env, Value: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] } }),
  devOnly: () => undefined, // presence per stage: security.test.ts
});

const everyApp: readonly T.AppDef[] = [...apps, fixtureApp];

/**
 * The test below checking each top-level key of an AppDef: a resource kind added to AppDef fails to
 * compile here, and a key this map lacks fails at run time, until it has a parity test.
 */
const APP_SECTIONS: { [K in keyof Required<T.AppDef>]-?: string } = {
  name: 'the stack name (naming.test.ts)',
  tables: 'has a table per declaration',
  buses: 'has a bus per declaration',
  pipes: 'has a pipe per declaration',
  rules: 'has a rule per declaration',
  queues: 'has a queue per declaration',
  buckets: 'PENDING(S3 helper)',
  kinesisStreams: 'PENDING(Kinesis helper)',
  functions: 'has a function per declaration',
  httpApis: 'has an HTTP API per declaration',
};

describe.each(everyApp.map((app) => [app.name, app] as const))('parity: %s', (_name, app) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize([app], { stage: 'dev' })[0]!;
  });

  it('has a parity check for every top-level key of the declaration', () => {
    for (const key of Object.keys(app)) expect(Object.keys(APP_SECTIONS), `AppDef.${key} has no parity test`).toContain(key);
  });

  it('has a table per declaration with the same settings', () => {
    expect(s.ofType('AWS::DynamoDB::Table')).toHaveLength(Object.keys(app.tables ?? {}).length);
    for (const [name, def] of Object.entries(app.tables ?? {})) {
      const [, actual] = s.named('AWS::DynamoDB::Table', 'TableName', s.ctx.name('table', name));
      expect(actual.BillingMode).toBe('PAY_PER_REQUEST');
      expect(prop(actual, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')).toBe(def.pointInTimeRecovery ?? true);
      checkAll(`table ${name}`, def, tableChecks, actual, s);
    }
  });

  it('has a queue per declaration with every attribute, its redrive and encryption', () => {
    expect(s.ofType('AWS::SQS::Queue')).toHaveLength(Object.keys(app.queues ?? {}).length);
    for (const [name, def] of Object.entries(app.queues ?? {})) {
      const [, actual] = s.named('AWS::SQS::Queue', 'QueueName', s.ctx.name('queue', name));
      expect(actual.SqsManagedSseEnabled).toBe(true);
      checkAll(`queue ${name}`, def, queueChecks, actual, s);
      const dlq = def.deadLetterQueue;
      expect(actual.RedrivePolicy).toEqual(dlq && { deadLetterTargetArn: s.ref({ ref: 'queueArn', name: dlq.queue }), maxReceiveCount: dlq.maxReceiveCount });
    }
  });

  it('has a bus per declaration', () => {
    expect(s.ofType('AWS::Events::EventBus')).toHaveLength(Object.keys(app.buses ?? {}).length);
    for (const [name, def] of Object.entries(app.buses ?? {})) {
      const [, actual] = s.named('AWS::Events::EventBus', 'Name', s.ctx.name('bus', name));
      checkAll(`bus ${name}`, def, { description: same('Description') }, actual, s);
    }
  });

  it('has a pipe per declaration with its source, filters and target', () => {
    expect(s.ofType('AWS::Pipes::Pipe')).toHaveLength(Object.keys(app.pipes ?? {}).length);
    for (const [name, def] of Object.entries(app.pipes ?? {})) {
      const [, actual] = s.named('AWS::Pipes::Pipe', 'Name', s.ctx.name('pipe', name));
      checkAll(`pipe ${name}`, def, pipeChecks, actual, s);
    }
  });

  it('has a rule per declaration with its pattern and targets', () => {
    expect(s.ofType('AWS::Events::Rule')).toHaveLength(Object.keys(app.rules ?? {}).length);
    for (const [name, def] of Object.entries(app.rules ?? {})) {
      const [, actual] = s.named('AWS::Events::Rule', 'Name', s.ctx.name('rule', name));
      checkAll(`rule ${name}`, def, ruleChecks, actual, s);
    }
  });

  it('has a function per declaration (dev stage) with runtime, env, limits and triggers', () => {
    const declared = Object.entries(app.functions ?? {});
    expect(s.ofType('AWS::Lambda::Function')).toHaveLength(declared.length);
    const triggers = declared.reduce((n, [, def]) => n + (def.triggers?.length ?? 0), 0);
    expect(s.ofType('AWS::Lambda::EventSourceMapping')).toHaveLength(triggers);
    for (const [name, def] of declared) {
      const [, actual] = s.named('AWS::Lambda::Function', 'FunctionName', s.ctx.name('function', name));
      expect(actual.Runtime).toBe('nodejs22.x');
      checkAll(`function ${name}`, def, functionChecks(name), actual, s);
    }
  });

  it('has an HTTP API per declaration (dev stage) with routes, CORS and a base URL output', () => {
    expect(s.ofType('AWS::ApiGatewayV2::Api')).toHaveLength(Object.keys(app.httpApis ?? {}).length);
    for (const [name, def] of Object.entries(app.httpApis ?? {})) {
      const [apiId, actual] = s.named('AWS::ApiGatewayV2::Api', 'Name', s.ctx.name('httpApi', name));
      expect(actual.ProtocolType).toBe('HTTP');
      expect(s.json.Outputs?.[apiOutputId(name, def.baseUrlEnv)]).toBeDefined();
      checkAll(`api ${name}`, def, httpApiChecks(name, apiId), actual, s);
    }
  });
});
