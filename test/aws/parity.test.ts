import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../src/apps/index.ts';
import { parseHandler } from '../../src/aws/functions.ts';
import { apiOutputId } from '../../src/aws/http-apis.ts';
import { DEFAULT_PROJECT_ROOT } from '../../src/aws/options.ts';
import { tableOutputId } from '../../src/aws/tables.ts';
import type * as T from '../../src/platform/topology/types.ts';
import { fixtureApp } from './fixture.ts';
import { render, synthesize, type Props, type Synthesized } from './helpers.ts';

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
  nameEnv: (a, env, s) => {
    const output = s.json.Outputs?.[tableOutputId(env)];
    expect(output?.Description).toBe(env);
    const id = (output?.Value as { Ref?: string } | undefined)?.Ref;
    expect(s.json.Resources[id ?? '']?.Properties?.TableName, env).toBe(a.TableName);
  },
};

/** Checks on the whole bucket resource (its DeletionPolicy is not a property). */
const bucketChecks = (stage: string): Check<T.BucketDef> => ({
  versioned: (r, versioned) => expect(prop(r, 'Properties.VersioningConfiguration')).toEqual(versioned ? { Status: 'Enabled' } : undefined),
  retain: (r, retain) => expect(r.DeletionPolicy).toBe(retain || stage !== 'dev' ? 'Retain' : 'Delete'),
});
const kinesisStreamChecks: Check<T.KinesisStreamDef> = {
  shardCount: same('ShardCount'),
  retentionHours: same('RetentionPeriodHours'),
};
const DEFAULT_S3_EVENTS = ['s3:ObjectCreated:*'];

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

const kinesisTriggerChecks: Check<T.KinesisTrigger> = {
  ...streamTriggerChecks,
  type: () => undefined,
  stream: () => undefined, // checked when the mapping is found (EventSourceArn)
};

/** An s3 trigger's bucket configurations, one per event (`configs`, in declaration order). */
const s3TriggerChecks: Check<T.S3Trigger> = {
  type: () => undefined,
  bucket: () => undefined, // selects the bucket's configurations
  events: (a, events) => expect((a.configs as Props[]).map((c) => c.Event)).toEqual(events),
  prefix: (a, prefix) => {
    for (const config of a.configs as Props[]) expect(prop(config, 'Filter.S3Key.Rules')).toContainEqual({ Name: 'prefix', Value: prefix });
  },
  suffix: (a, suffix) => {
    for (const config of a.configs as Props[]) expect(prop(config, 'Filter.S3Key.Rules')).toContainEqual({ Name: 'suffix', Value: suffix });
  },
};

/** Each of a function's s3 triggers with the bucket notification configurations it produced, in order. */
function s3Configurations(s: Synthesized, name: string): { trigger: T.S3Trigger; configs: Props[] }[] {
  const arn = { 'Fn::GetAtt': [fnId(s, name), 'Arn'] };
  const triggers = (s.ctx.app.functions?.[name]?.triggers ?? []).filter((t): t is T.S3Trigger => t.type === 's3');
  const remaining = new Map<string, Props[]>();
  for (const bucket of new Set(triggers.map((t) => t.bucket))) {
    const all = prop(s.bucket(bucket)[1].Properties ?? {}, 'NotificationConfiguration.LambdaConfigurations') as Props[] | undefined;
    remaining.set(bucket, (all ?? []).filter((c) => JSON.stringify(c.Function) === JSON.stringify(arn)));
  }
  return triggers.map((trigger) => ({ trigger, configs: remaining.get(trigger.bucket)!.splice(0, (trigger.events ?? DEFAULT_S3_EVENTS).length) }));
}

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
  bucketAccess: (_a, access, s) => {
    // Exactly the declared actions: ListBucket on the bucket ARN, object actions on `<bucket ARN>/*`.
    const granted = grantsOf(s, name)
      .filter(({ action }) => action.startsWith('s3:'))
      .map(({ action, resource }) => `${action} ${render(resource)}`);
    const expected = Object.entries(access).flatMap(([bucket, actions]) =>
      actions.map((action) => `s3:${action} ${s.bucketArnText(bucket)}${action === 'ListBucket' ? '' : '/*'}`),
    );
    expect(new Set(granted)).toEqual(new Set(expected));
  },
  timeoutSeconds: same('Timeout'),
  memoryMb: same('MemorySize'),
  reservedConcurrency: same('ReservedConcurrentExecutions'),
  localAliases: () => undefined, // local Invoke names only; AWS has just the physical name
  onAsyncFailureQueue: (_a, queue, s) => {
    const queueArn = s.ref({ ref: 'queueArn', name: queue });
    expect(prop(asyncInvokeConfig(s, name), 'DestinationConfig.OnFailure.Destination')).toEqual(queueArn);
    expect(grantsOf(s, name)).toContainEqual({ action: 'sqs:SendMessage', resource: queueArn });
  },
  maximumAsyncRetryAttempts: (_a, attempts, s) => expect(asyncInvokeConfig(s, name).MaximumRetryAttempts).toBe(attempts),
  triggers: (_a, triggers, s) => {
    const id = fnId(s, name);
    const mappings = s.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => (m.Properties!.FunctionName as Props).Ref === id);
    const polled = triggers.filter((trigger) => trigger.type !== 's3');
    expect(mappings).toHaveLength(polled.length);
    polled.forEach((trigger, i) => {
      const mapping = mappings[i]![1].Properties!;
      if (trigger.type === 'sqs') {
        expect(mapping.EventSourceArn).toEqual(s.ref({ ref: 'queueArn', name: trigger.queue }));
        checkAll(`${name} trigger ${i}`, trigger, sqsTriggerChecks, mapping, s);
      } else if (trigger.type === 'dynamodb-stream') {
        expect(mapping.EventSourceArn).toEqual(s.ref({ ref: 'tableStreamArn', name: trigger.table }));
        checkAll(`${name} trigger ${i}`, trigger, streamTriggerChecks, mapping, s);
      } else if (trigger.type === 'kinesis') {
        expect(mapping.EventSourceArn).toEqual(s.ref({ ref: 'kinesisStreamArn', name: trigger.stream }));
        checkAll(`${name} trigger ${i}`, trigger, kinesisTriggerChecks, mapping, s);
      }
    });
    for (const { trigger, configs } of s3Configurations(s, name)) {
      const at = `${name} s3 trigger on ${trigger.bucket}`;
      const events = trigger.events ?? DEFAULT_S3_EVENTS;
      expect(configs.map((c) => c.Event), at).toEqual(events);
      const rules = configs.map((c) => prop(c, 'Filter.S3Key.Rules') as Props[] | undefined);
      const declared = [trigger.prefix, trigger.suffix].filter((v) => v !== undefined).length;
      for (const r of rules) expect(r?.length ?? 0, at).toBe(declared);
      checkAll(at, trigger, s3TriggerChecks, { configs }, s);
    }
  },
});

/** The function's one EventInvokeConfig, on `$LATEST`. */
function asyncInvokeConfig(s: Synthesized, fnName: string): Props {
  const id = fnId(s, fnName);
  const configs = s.ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => (c.Properties!.FunctionName as Props).Ref === id);
  expect(configs, `${fnName} EventInvokeConfig`).toHaveLength(1);
  expect(configs[0]![1].Properties!.Qualifier).toBe('$LATEST');
  return configs[0]![1].Properties!;
}

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
  buckets: 'has a bucket per declaration',
  kinesisStreams: 'has a Kinesis stream per declaration',
  functions: 'has a function per declaration',
  httpApis: 'has an HTTP API per declaration',
};

describe.each(everyApp.map((app) => [app.name, app] as const))('parity: %s', (_name, app) => {
  let s: Synthesized;
  beforeAll(() => {
    // Every declared API, the dev-only ones included (deployed only with --enable-testing-api).
    s = synthesize([app], { stage: 'dev', enableTestingApi: true })[0]!;
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

  it('has a bucket per declaration: account- and region-unique name, versioning, SSE-S3, no public access, TLS only', () => {
    expect(s.ofType('AWS::S3::Bucket')).toHaveLength(Object.keys(app.buckets ?? {}).length);
    for (const [name, def] of Object.entries(app.buckets ?? {})) {
      const [id, resource] = s.bucket(name);
      const actual = resource.Properties!;
      const base = s.ctx.name('bucket', name);
      expect(render(actual.BucketName)).toBe(`${base}-\${AWS::AccountId}-\${AWS::Region}`);
      // The longest account and region (ap-southeast-5) still fit S3's 63 characters.
      expect(`${base}-000000000000-ap-southeast-5`.length).toBeLessThanOrEqual(63);
      expect(actual.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(actual.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(resource.DeletionPolicy).toBe(def.retain ? 'Retain' : 'Delete');
      expect(prop(actual, 'VersioningConfiguration.Status')).toBe(def.versioned ? 'Enabled' : undefined);
      checkAll(`bucket ${name}`, def, bucketChecks('dev'), resource as unknown as Props, s);
      const policies = s.ofType('AWS::S3::BucketPolicy').filter(([, p]) => (p.Properties!.Bucket as Props).Ref === id);
      expect(policies).toHaveLength(1);
      expect((policies[0]![1].Properties!.PolicyDocument as Props).Statement).toEqual([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]);
      // Every s3 trigger on this bucket, and nothing else, is in its notification configuration.
      const expected = Object.entries(app.functions ?? {}).flatMap(([fnName, fn]) =>
        (fn.triggers ?? []).flatMap((t) => (t.type === 's3' && t.bucket === name ? (t.events ?? DEFAULT_S3_EVENTS).map((event) => ({ event, fnName })) : [])),
      );
      const configs = (prop(actual, 'NotificationConfiguration.LambdaConfigurations') as Props[] | undefined) ?? [];
      expect(configs.map((c) => `${c.Event} ${JSON.stringify(c.Function)}`).sort()).toEqual(
        expected.map(({ event, fnName }) => `${event} ${JSON.stringify({ 'Fn::GetAtt': [fnId(s, fnName), 'Arn'] })}`).sort(),
      );
    }
    expect(s.ofType('Custom::S3BucketNotifications')).toEqual([]);
  });

  it('lets S3 invoke a triggered function only from its bucket and account, before the bucket is configured', () => {
    const permissions = s.ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties?.Principal === 's3.amazonaws.com');
    const pairs = new Set(
      Object.entries(app.functions ?? {}).flatMap(([fnName, fn]) => (fn.triggers ?? []).flatMap((t) => (t.type === 's3' ? [`${fnName} ${t.bucket}`] : []))),
    );
    expect(permissions).toHaveLength(pairs.size);
    for (const pair of pairs) {
      const [fnName, bucket] = pair.split(' ') as [string, string];
      const found = permissions.filter(
        ([, p]) => JSON.stringify(p.Properties!.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId(s, fnName), 'Arn'] }) && render(p.Properties!.SourceArn) === s.bucketArnText(bucket),
      );
      expect(found, pair).toHaveLength(1);
      const [permissionId, permission] = found[0]!;
      expect(permission.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', SourceAccount: { Ref: 'AWS::AccountId' } });
      expect(s.bucket(bucket)[1].DependsOn, pair).toContain(permissionId);
    }
  });

  it('has a Kinesis stream per declaration: provisioned, shards, retention, AWS-managed encryption', () => {
    expect(s.ofType('AWS::Kinesis::Stream')).toHaveLength(Object.keys(app.kinesisStreams ?? {}).length);
    for (const [name, def] of Object.entries(app.kinesisStreams ?? {})) {
      const [, actual] = s.named('AWS::Kinesis::Stream', 'Name', s.ctx.name('kinesisStream', name));
      expect(actual.ShardCount).toBe(def.shardCount ?? 1);
      expect(actual.RetentionPeriodHours).toBe(def.retentionHours ?? 24);
      expect(actual.StreamModeDetails).toEqual({ StreamMode: 'PROVISIONED' });
      expect(actual.StreamEncryption).toEqual({ EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
      checkAll(`Kinesis stream ${name}`, def, kinesisStreamChecks, actual, s);
    }
  });

  it('has a function per declaration (dev stage) with runtime, env, limits and triggers', () => {
    const declared = Object.entries(app.functions ?? {});
    expect(s.ofType('AWS::Lambda::Function')).toHaveLength(declared.length);
    const triggers = declared.reduce((n, [, def]) => n + (def.triggers ?? []).filter((t) => t.type !== 's3').length, 0);
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
