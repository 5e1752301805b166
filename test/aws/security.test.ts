import { beforeAll, describe, expect, it } from 'vitest';
import { ecommerceApp } from '../../src/apps/ecommerce/topology.ts';
import { apps } from '../../src/apps/index.ts';
import { isResourceRef } from '../../src/platform/topology/refs.ts';
import type { AppDef, FunctionDef } from '../../src/platform/topology/types.ts';
import { fixtureApp } from './fixture.ts';
import { render, synthesize, type Props, type Synthesized } from './helpers.ts';

/** Actions IAM only accepts on Resource "*" (no resource type), hence the only allowed `*` resources. */
const WILDCARD_RESOURCE_EXCEPTIONS = ['dynamodb:ListStreams'];

interface Statement {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}

const list = <V>(value: V | V[] | undefined): V[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const prop = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Props | undefined)?.[key], value);

/** Every policy statement in the template, with where it comes from. */
function statements(s: Synthesized): { where: string; statement: Statement }[] {
  const found: { where: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(s.json.Resources)) {
    const props = resource.Properties ?? {};
    const documents = [props.PolicyDocument, ...list(props.Policies as Props[] | undefined).map((p) => p.PolicyDocument)];
    for (const document of documents) for (const statement of list((document as Props | undefined)?.Statement as Statement[])) found.push({ where: id, statement });
  }
  return found;
}

/** Logical ids a template value refers to (Ref / Fn::GetAtt), anywhere inside it. */
function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => referencedIds(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string' && !item.startsWith('AWS::')) into.add(item);
      else if (key === 'Fn::GetAtt') into.add((item as string[])[0]!);
      else referencedIds(item, into);
    }
  }
  return into;
}

/**
 * What a statement's resources name: the logical ids they refer to, and bucket ARNs as text (a
 * bucket is named by its deploy-time name, not a reference; `bucket/*` counts as the bucket).
 */
function resourceKeys(resources: unknown[]): Set<string> {
  const keys = referencedIds(resources);
  for (const resource of resources.flat()) {
    const text = render(resource);
    if (text.startsWith('arn:${AWS::Partition}:s3:::')) keys.add(text.replace(/\/\*$/, ''));
  }
  return keys;
}

/** What a function may touch, written from the declaration independently of src/aws/permissions.ts. */
function expectedAccess(s: Synthesized, name: string, def: FunctionDef): { actions: Set<string>; resources: Set<string> } {
  const actions = new Set(['logs:CreateLogStream', 'logs:PutLogEvents']);
  const resources = new Set([s.logicalId(s.ctx.fn(name).logGroup)]);
  const add = (ids: string[], ...names: string[]) => {
    names.forEach((a) => actions.add(a));
    ids.forEach((id) => resources.add(id));
  };
  const tableId = (table: string) => s.logicalId(s.ctx.table(table));
  const queueId = (queue: string) => s.logicalId(s.ctx.queue(queue));
  const streamRead = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
  const kinesisId = (stream: string) => s.logicalId(s.ctx.kinesisStream(stream));
  // Lambda's Kinesis poller (developer guide); no SubscribeToShard (fan-out consumers) or ListStreams.
  const kinesisRead = ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'];
  for (const value of Object.values(def.environment ?? {})) {
    if (!isResourceRef(value)) continue;
    // A table name grants nothing by itself: the function's tableAccess does (below).
    if (value.ref === 'tableStreamArn') add([tableId(value.name)], ...streamRead);
    if (value.ref === 'queueUrl' || value.ref === 'queueArn') add([queueId(value.name)], 'sqs:SendMessage');
    if (value.ref === 'busName' || value.ref === 'busArn') add([s.logicalId(s.ctx.bus(value.name))], 'events:PutEvents');
    // A bucket name grants nothing by itself (bucketAccess does); a Kinesis stream is written to.
    if (value.ref === 'kinesisStreamName' || value.ref === 'kinesisStreamArn') add([kinesisId(value.name)], 'kinesis:PutRecord', 'kinesis:PutRecords');
  }
  for (const [bucket, bucketActions] of Object.entries(def.bucketAccess ?? {})) add([s.bucketArnText(bucket)], ...bucketActions.map((a) => `s3:${a}`));
  for (const [table, tableActions] of Object.entries(def.tableAccess ?? {})) add([tableId(table)], ...tableActions.map((a) => `dynamodb:${a}`));
  for (const trigger of def.triggers ?? []) {
    if (trigger.type === 'sqs') add([queueId(trigger.queue)], 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes');
    else if (trigger.type === 'dynamodb-stream' || trigger.type === 'kinesis') {
      if (trigger.type === 'kinesis') add([kinesisId(trigger.stream)], ...kinesisRead);
      else add([tableId(trigger.table)], ...streamRead);
      if (trigger.onFailureQueue) add([queueId(trigger.onFailureQueue)], 'sqs:SendMessage');
    }
    // An s3 trigger adds nothing to the role: S3 invokes the function under its resource policy.
  }
  if (def.onAsyncFailureQueue) add([queueId(def.onAsyncFailureQueue)], 'sqs:SendMessage');
  return { actions, resources };
}

/** `*`, `{AWS: '*'}` or any principal list holding `*`: anyone. */
function isAnyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (Array.isArray(principal)) return principal.some(isAnyone);
  if (principal && typeof principal === 'object') return Object.values(principal).some(isAnyone);
  return false;
}

const everyApp: readonly AppDef[] = [...apps, fixtureApp];

describe.each(everyApp.map((app) => [app.name, app] as const))('security: %s', (_name, app) => {
  // `dev` with the testing API, so every function's grants are checked; `devDefault` as `npm run deploy` makes it.
  let dev: Synthesized;
  let devDefault: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synthesize([app], { stage: 'dev', enableTestingApi: true })[0]!;
    devDefault = synthesize([app], { stage: 'dev' })[0]!;
    prod = synthesize([app], { stage: 'prod' })[0]!;
  });

  it('allows no wildcard action and no wildcard resource outside the listed exceptions', () => {
    for (const s of [dev, prod]) {
      const found = statements(s).filter(({ statement }) => statement.Effect === 'Allow');
      if (Object.keys(app.functions ?? {}).length > 0) expect(found.length).toBeGreaterThan(0);
      for (const { where, statement } of found) {
        for (const action of list(statement.Action)) expect(action === '*' || action.endsWith(':*'), `${where}: ${action}`).toBe(false);
        if (list(statement.Resource).includes('*')) expect(list(statement.Action).every((a) => WILDCARD_RESOURCE_EXCEPTIONS.includes(a)), `${where}: Resource *`).toBe(true);
      }
    }
  });

  it('lets no policy grant to an unscoped principal', () => {
    for (const s of [dev, prod]) {
      for (const { where, statement } of statements(s)) {
        if (statement.Effect === 'Allow' && statement.Principal !== undefined) expect(isAnyone(statement.Principal), `${where}: ${JSON.stringify(statement.Principal)}`).toBe(false);
      }
    }
  });

  it('attaches no managed policy to any role', () => {
    for (const [id, role] of dev.ofType('AWS::IAM::Role')) expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
    expect(dev.ofType('AWS::IAM::ManagedPolicy')).toHaveLength(0);
  });

  it('gives each function only the actions it uses, on only its resources', () => {
    for (const [name, def] of Object.entries(app.functions ?? {})) {
      const roleId = dev.logicalId(dev.ctx.fn(name).role);
      const policies = dev.ofType('AWS::IAM::Policy').filter(([, p]) => list(p.Properties?.Roles as Props[]).some((r) => r.Ref === roleId));
      const granted = policies.flatMap(([, p]) => list((p.Properties!.PolicyDocument as Props).Statement as Statement[]));
      const expected = expectedAccess(dev, name, def);
      expect(new Set(granted.flatMap((st) => list(st.Action))), name).toEqual(expected.actions);
      expect(resourceKeys(granted.map((st) => st.Resource)), name).toEqual(expected.resources);
    }
  });

  it('deploys no custom resource (no provider Lambda with rights of its own)', () => {
    for (const s of [dev, prod]) {
      const custom = Object.entries(s.json.Resources).filter(([, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource');
      expect(custom.map(([id]) => id)).toEqual([]);
      expect(s.ofType('AWS::Lambda::Function')).toHaveLength(s.ctx.functions.size);
    }
  });

  it('gives each pipe role only stream read, PutEvents on its bus and SendMessage to its DLQ', () => {
    for (const [name, def] of Object.entries(app.pipes ?? {})) {
      const [, pipe] = dev.named('AWS::Pipes::Pipe', 'Name', dev.ctx.name('pipe', name));
      const roleId = (pipe.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const granted = dev.ofType('AWS::IAM::Policy').filter(([, p]) => list(p.Properties?.Roles as Props[]).some((r) => r.Ref === roleId))
        .flatMap(([, p]) => list((p.Properties!.PolicyDocument as Props).Statement as Statement[]));
      const dlq = def.source?.deadLetterQueue;
      expect(new Set(granted.flatMap((st) => list(st.Action)))).toEqual(
        new Set(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'events:PutEvents', ...(dlq ? ['sqs:SendMessage'] : [])]),
      );
      expect(referencedIds(granted.map((st) => st.Resource))).toEqual(
        new Set([dev.logicalId(dev.ctx.table(def.sourceTable)), dev.logicalId(dev.ctx.bus(def.target.bus)), ...(dlq ? [dev.logicalId(dev.ctx.queue(dlq))] : [])]),
      );
    }
  });

  it('lets a rule deliver only to its own targets (queue policies and invoke permissions scoped to the rule)', () => {
    for (const [id, policy] of dev.ofType('AWS::SQS::QueuePolicy')) {
      for (const statement of list((policy.Properties!.PolicyDocument as Props).Statement as (Statement & { Condition?: Props })[])) {
        if (statement.Effect !== 'Allow') continue;
        expect(statement.Principal, id).toEqual({ Service: 'events.amazonaws.com' });
        expect(statement.Condition, id).toHaveProperty('ArnEquals.aws:SourceArn');
      }
    }
    for (const [id, permission] of dev.ofType('AWS::Lambda::Permission')) {
      expect(permission.Properties?.SourceArn, id).toBeDefined();
      // S3 ARNs hold no account: the bucket's account must be ours too.
      if (permission.Properties?.Principal === 's3.amazonaws.com') expect(permission.Properties.SourceAccount, id).toEqual({ Ref: 'AWS::AccountId' });
    }
  });

  it('encrypts every queue, stream and bucket, blocks public access and allows nothing in bucket policies', () => {
    for (const s of [dev, prod]) {
      for (const [id, queue] of s.ofType('AWS::SQS::Queue')) expect(queue.Properties?.SqsManagedSseEnabled ?? queue.Properties?.KmsMasterKeyId, id).toBeTruthy();
      for (const [id, stream] of s.ofType('AWS::Kinesis::Stream')) expect(prop(stream.Properties, 'StreamEncryption.EncryptionType'), id).toBe('KMS');
      expect(s.ofType('AWS::S3::Bucket')).toHaveLength(Object.keys(app.buckets ?? {}).length);
      for (const [id, bucket] of s.ofType('AWS::S3::Bucket')) {
        expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
        expect(prop(bucket.Properties, 'BucketEncryption.ServerSideEncryptionConfiguration'), id).toBeDefined();
        const policies = s.ofType('AWS::S3::BucketPolicy').filter(([, p]) => (p.Properties!.Bucket as Props).Ref === id);
        expect(policies, `${id}: TLS-only policy`).toHaveLength(1);
      }
      for (const [id, policy] of s.ofType('AWS::S3::BucketPolicy')) {
        for (const statement of list((policy.Properties!.PolicyDocument as Props).Statement as Statement[])) expect(statement.Effect, id).toBe('Deny');
      }
    }
  });

  it('keeps buckets and streams outside dev, and retained buckets in dev too', () => {
    for (const [name, def] of Object.entries(app.buckets ?? {})) {
      expect(dev.bucket(name)[1].DeletionPolicy, name).toBe(def.retain ? 'Retain' : 'Delete');
      expect(prod.bucket(name)[1].DeletionPolicy, name).toBe('Retain');
    }
    for (const [id, stream] of prod.ofType('AWS::Kinesis::Stream')) expect(stream.DeletionPolicy, id).toBe('Retain');
    for (const [id, stream] of dev.ofType('AWS::Kinesis::Stream')) expect(stream.DeletionPolicy, id).toBe('Delete');
  });

  it('leaves dev-only APIs and the functions only they use out of every stage, dev included, without --enable-testing-api', () => {
    for (const [name, api] of Object.entries(app.httpApis ?? {})) {
      for (const s of [devDefault, prod]) {
        const present = s.ofType('AWS::ApiGatewayV2::Api').some(([, r]) => r.Properties?.Name === s.ctx.name('httpApi', name));
        expect(present, `${name} in ${s.ctx.options.stage}`).toBe(!api.devOnly);
        if (!api.devOnly) continue;
        for (const route of api.routes) {
          const fnName = s.ctx.name('function', route.function);
          expect(s.ofType('AWS::Lambda::Function').some(([, r]) => r.Properties?.FunctionName === fnName), fnName).toBe(false);
        }
      }
    }
  });

  it('with --enable-testing-api, puts every dev-only route behind IAM authorization, and no other route', () => {
    for (const s of [dev, synthesize([app], { stage: 'prod', enableTestingApi: true })[0]!]) {
      const stage = s.ctx.options.stage;
      for (const [name, api] of Object.entries(app.httpApis ?? {})) {
        const [apiId] = s.named('AWS::ApiGatewayV2::Api', 'Name', s.ctx.name('httpApi', name));
        const routes = s.ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => (r.Properties!.ApiId as Props).Ref === apiId);
        expect(routes, name).toHaveLength(api.routes.length);
        for (const [id, route] of routes) expect(route.Properties?.AuthorizationType ?? 'NONE', `${stage} ${name} ${id}`).toBe(api.devOnly ? 'AWS_IAM' : 'NONE');
      }
    }
  });
});

describe('security: the unscoped-principal check', () => {
  it('recognizes every spelling of anyone', () => {
    for (const principal of ['*', { AWS: '*' }, { AWS: ['arn:aws:iam::000000000000:root', '*'] }, ['*']]) expect(isAnyone(principal), JSON.stringify(principal)).toBe(true);
    for (const principal of [{ Service: 'events.amazonaws.com' }, { AWS: 'arn:aws:iam::000000000000:root' }]) expect(isAnyone(principal), JSON.stringify(principal)).toBe(false);
  });
});

/**
 * The ecommerce functions' table grants, written by hand from the slices' code (not from the
 * topology), so a broadened declaration fails. Query is also granted on the one GSI.
 */
const ECOMMERCE_TABLE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  restockSkuApi: ['PutItem'],
  listSkusApi: ['GetItem', 'Query'],
  placeOrderApi: ['PutItem'],
  listOrdersApi: ['GetItem', 'Query'],
  listOrderPaymentsApi: ['GetItem', 'Query'],
  simulateRawEventApi: ['PutItem'],
  restockSkuWorker: ['PutItem', 'UpdateItem'],
  syncOrderWorker: ['GetItem', 'PutItem', 'UpdateItem'],
  allocateOrderStockWorker: ['GetItem', 'PutItem', 'UpdateItem'],
  processOrderPaymentWorker: ['GetItem', 'PutItem', 'UpdateItem'],
  completeOrderPaymentAcceptedWorker: ['GetItem', 'UpdateItem'],
  deallocateOrderPaymentRejectedWorker: ['GetItem', 'UpdateItem'],
  deallocateOrderCanceledWorker: ['GetItem', 'UpdateItem'],
};

/** The table variables each handler reads (shared/config.ts `tables.*`, inventoryDeps reads two). */
const ECOMMERCE_TABLE_ENV: Readonly<Record<string, readonly string[]>> = {
  restockSkuApi: ['EVENT_STORE_TABLE_NAME'],
  listSkusApi: ['INVENTORY_TABLE_NAME'],
  placeOrderApi: ['EVENT_STORE_TABLE_NAME'],
  listOrdersApi: ['ORDERS_TABLE_NAME'],
  listOrderPaymentsApi: ['PAYMENTS_TABLE_NAME'],
  simulateRawEventApi: ['EVENT_STORE_TABLE_NAME'],
  restockSkuWorker: ['INVENTORY_TABLE_NAME'],
  syncOrderWorker: ['EVENT_STORE_TABLE_NAME', 'ORDERS_TABLE_NAME'],
  allocateOrderStockWorker: ['EVENT_STORE_TABLE_NAME', 'INVENTORY_TABLE_NAME'],
  processOrderPaymentWorker: ['EVENT_STORE_TABLE_NAME', 'PAYMENTS_TABLE_NAME'],
  completeOrderPaymentAcceptedWorker: ['EVENT_STORE_TABLE_NAME', 'INVENTORY_TABLE_NAME'],
  deallocateOrderPaymentRejectedWorker: ['EVENT_STORE_TABLE_NAME', 'INVENTORY_TABLE_NAME'],
  deallocateOrderCanceledWorker: ['EVENT_STORE_TABLE_NAME', 'INVENTORY_TABLE_NAME'],
};

describe('security: ecommerce least privilege (hand-written expectations)', () => {
  let s: Synthesized;
  beforeAll(() => {
    // The testing API included, so its function's grants are checked too.
    s = synthesize([ecommerceApp()], { stage: 'dev', enableTestingApi: true })[0]!;
  });

  it('grants each function exactly its item actions on the table, and Query only on the declared GSI', () => {
    const [tableId] = s.named('AWS::DynamoDB::Table', 'TableName', 'eventloom-dev-ecommerce-store');
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    const gsiArn = { 'Fn::Join': ['', [tableArn, '/index/gsi1pk-gsi1sk-index']] };
    const functions = s.ofType('AWS::Lambda::Function');
    expect(functions.map(([, fn]) => String(fn.Properties!.FunctionName).replace('eventloom-dev-ecommerce-', '')).sort()).toEqual(Object.keys(ECOMMERCE_TABLE_ACTIONS).sort());
    for (const [name, actions] of Object.entries(ECOMMERCE_TABLE_ACTIONS)) {
      const [, fn] = s.named('AWS::Lambda::Function', 'FunctionName', `eventloom-dev-ecommerce-${name}`);
      const roleId = (fn.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
      const granted = s
        .ofType('AWS::IAM::Policy')
        .filter(([, p]) => list(p.Properties?.Roles as Props[]).some((r) => r.Ref === roleId))
        .flatMap(([, p]) => list((p.Properties!.PolicyDocument as Props).Statement as Statement[]))
        .flatMap((st) => list(st.Action).flatMap((action) => list(st.Resource).map((resource) => `${action} ${JSON.stringify(resource)}`)))
        .filter((grant) => grant.startsWith('dynamodb:'));
      const expected = [
        ...actions.map((action) => `dynamodb:${action} ${JSON.stringify(tableArn)}`),
        ...actions.filter((action) => action === 'Query').map((action) => `dynamodb:${action} ${JSON.stringify(gsiArn)}`),
      ];
      expect(new Set(granted), name).toEqual(new Set(expected));
    }
  });

  it('gives each function only the table variables its handler reads', () => {
    for (const [name, variables] of Object.entries(ECOMMERCE_TABLE_ENV)) {
      const [, fn] = s.named('AWS::Lambda::Function', 'FunctionName', `eventloom-dev-ecommerce-${name}`);
      const env = Object.keys((fn.Environment as { Variables: Props }).Variables).filter((key) => key.endsWith('_TABLE_NAME'));
      expect(env.sort(), name).toEqual([...variables].sort());
    }
  });

  it('never copies PAYMENT_GATEWAY_* from the shell into a function', () => {
    const saved = process.env.PAYMENT_GATEWAY_MODE;
    process.env.PAYMENT_GATEWAY_MODE = 'accept';
    try {
      const [fresh] = synthesize([ecommerceApp()], { stage: 'prod' });
      for (const [id, fn] of fresh!.ofType('AWS::Lambda::Function')) {
        const variables = Object.keys((fn.Properties?.Environment as { Variables?: Props } | undefined)?.Variables ?? {});
        expect(variables.filter((key) => key.startsWith('PAYMENT_GATEWAY_')), id).toEqual([]);
      }
    } finally {
      if (saved === undefined) delete process.env.PAYMENT_GATEWAY_MODE;
      else process.env.PAYMENT_GATEWAY_MODE = saved;
    }
  });
});

describe('security: enableTestingApi', () => {
  it('deploys the dev-only APIs in any stage only when explicitly enabled', () => {
    const [s] = synthesize([fixtureApp], { stage: 'prod', enableTestingApi: true });
    expect(s!.ofType('AWS::ApiGatewayV2::Api')).toHaveLength(Object.keys(fixtureApp.httpApis).length);
    expect(s!.json.Outputs).toHaveProperty('FixtureChaosBaseUrl');
  });

  it('the ecommerce testing API is absent from dev and prod by default (npm run deploy), present and IAM-authorized when enabled', () => {
    for (const stage of ['dev', 'prod']) {
      const [plain] = synthesize(apps, { stage });
      expect(plain!.json.Outputs, stage).not.toHaveProperty('TestingApiBaseUrl');
      const [enabled] = synthesize(apps, { stage, enableTestingApi: true });
      expect(enabled!.json.Outputs, stage).toHaveProperty('TestingApiBaseUrl');
      enabled!.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /api/v1/testing/simulateRawEvent', AuthorizationType: 'AWS_IAM' });
    }
  });
});
