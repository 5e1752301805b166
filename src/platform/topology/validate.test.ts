import { describe, expect, it } from 'vitest';
import { defineApp, tableName, tableStreamArn } from './define.ts';
import { TopologyError, type TopologyIssue } from './errors.ts';
import type { AppDef } from './types.ts';
import { validateApp } from './validate.ts';

const validApp = (): AppDef => ({
  name: 'shop',
  tables: {
    orders: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [{ name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'placedAt', type: 'N' } }],
      stream: 'NEW_AND_OLD_IMAGES',
    },
  },
  buses: { domain: {} },
  pipes: {
    ordersToBus: {
      sourceTable: 'orders',
      source: { batchSize: 10, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 3, deadLetterQueue: 'pipeDlq' },
      filters: [{ eventName: ['INSERT'] }],
      target: { bus: 'domain', detailType: 'OrderChanged' },
    },
  },
  rules: {
    orderPlaced: {
      bus: 'domain',
      eventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
      targets: [
        {
          queue: 'fulfilment',
          retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3_600 },
          deadLetterQueue: 'ruleDlq',
          inputTransformer: { inputPathsMap: { orderId: '$.detail.orderId' }, inputTemplate: '{"orderId": <orderId>}' },
        },
      ],
    },
  },
  queues: {
    fulfilment: { visibilityTimeoutSeconds: 60, deadLetterQueue: { queue: 'fulfilmentDlq', maxReceiveCount: 5 } },
    fulfilmentDlq: {},
    ruleDlq: {},
    pipeDlq: {},
    projectFailures: {},
    fulfilFailures: {},
  },
  functions: {
    fulfil: {
      handler: 'src/apps/shop/fulfil/handler.ts#handler',
      timeoutSeconds: 30,
      environment: { ORDERS_TABLE: tableName('orders') },
      tableAccess: { orders: ['GetItem', 'UpdateItem'] },
      onAsyncFailureQueue: 'fulfilFailures',
      maximumAsyncRetryAttempts: 1,
      triggers: [{ type: 'sqs', queue: 'fulfilment', batchSize: 10, reportBatchItemFailures: true }],
    },
    project: {
      handler: 'src/apps/shop/project/handler.ts',
      triggers: [
        {
          type: 'dynamodb-stream',
          table: 'orders',
          startingPosition: 'LATEST',
          batchSize: 100,
          maximumRecordAgeInSeconds: 3_600,
          parallelizationFactor: 2,
          onFailureQueue: 'projectFailures',
        },
      ],
    },
    getOrder: { handler: 'src/apps/shop/getOrder/handler.ts#getOrder' },
  },
  httpApis: {
    public: {
      routes: [
        { route: 'GET /orders/{id}', function: 'getOrder' },
        { route: 'ANY /files/{proxy+}', function: 'getOrder' },
      ],
      cors: { allowOrigins: ['http://localhost:5173'], allowMethods: ['GET'], maxAgeSeconds: 300 },
    },
  },
});

/** The fixture with each dotted path (numeric segments index arrays) set to its value; `undefined` deletes. */
function appWith(changes: Readonly<Record<string, unknown>>): AppDef {
  const app: Record<string, unknown> = { ...structuredClone(validApp()) };
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, app);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return app as unknown as AppDef;
}

function issuesOf(app: AppDef): readonly TopologyIssue[] {
  try {
    validateApp(app);
  } catch (error) {
    if (error instanceof TopologyError) return error.issues;
    throw error;
  }
  return [];
}

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const issue = (path: string, message: RegExp) => ({ path, message: expect.stringMatching(message) });

describe('validateApp', () => {
  it('accepts a complete app and defineApp returns it unchanged', () => {
    const app = validApp();

    const defined = defineApp(app);

    expect(defined).toBe(app);
    expect(issuesOf(app)).toEqual([]);
  });

  it.each([
    ['an unknown queue in a rule target', { 'rules.orderPlaced.targets.0.queue': 'nope' }, 'rules.orderPlaced.targets[0].queue', /unknown queue "nope"/],
    ['an unknown function in a rule target', { 'rules.orderPlaced.targets.0': { function: 'nope' } }, 'rules.orderPlaced.targets[0].function', /unknown function "nope"/],
    ['an unknown rule bus', { 'rules.orderPlaced.bus': 'nope' }, 'rules.orderPlaced.bus', /unknown bus "nope" \(declared buses: domain\)/],
    ['an unknown pipe target bus', { 'pipes.ordersToBus.target.bus': 'nope' }, 'pipes.ordersToBus.target.bus', /unknown bus "nope"/],
    ['a pipe source table without a stream', { 'tables.orders.stream': undefined }, 'pipes.ordersToBus.sourceTable', /table "orders" has no stream/],
    ['a pipe batch size of 0', { 'pipes.ordersToBus.source.batchSize': 0 }, 'pipes.ordersToBus.source.batchSize', /from 1 to 10, got 0/],
    ['a pipe batch size above what PutEvents takes', { 'pipes.ordersToBus.source.batchSize': 11 }, 'pipes.ordersToBus.source.batchSize', /from 1 to 10, got 11/],
    ['a pipe starting position AT_TIMESTAMP', { 'pipes.ordersToBus.source.startingPosition': 'AT_TIMESTAMP' }, 'pipes.ordersToBus.source.startingPosition', /must be TRIM_HORIZON or LATEST, got "AT_TIMESTAMP"/],
    ['a pipe onPartialBatchItemFailure other than AUTOMATIC_BISECT', { 'pipes.ordersToBus.source.onPartialBatchItemFailure': 'BISECT' }, 'pipes.ordersToBus.source.onPartialBatchItemFailure', /must be AUTOMATIC_BISECT .*got "BISECT"/],
    ['a pipe maximumRetryAttempts of -2', { 'pipes.ordersToBus.source.maximumRetryAttempts': -2 }, 'pipes.ordersToBus.source.maximumRetryAttempts', /from -1 to 10000, got -2/],
    ['a pipe maximumRetryAttempts of 10001', { 'pipes.ordersToBus.source.maximumRetryAttempts': 10_001 }, 'pipes.ordersToBus.source.maximumRetryAttempts', /from -1 to 10000, got 10001/],
    ['an undeclared pipe dead-letter queue', { 'pipes.ordersToBus.source.deadLetterQueue': 'nope' }, 'pipes.ordersToBus.source.deadLetterQueue', /unknown queue "nope"/],
    ['a stream maximumRetryAttempts of 1.5', { 'functions.project.triggers.0.maximumRetryAttempts': 1.5 }, 'functions.project.triggers[0].maximumRetryAttempts', /from -1 to 10000, got 1.5/],
    ['an undeclared stream on-failure queue', { 'functions.project.triggers.0.onFailureQueue': 'nope' }, 'functions.project.triggers[0].onFailureQueue', /unknown queue "nope"/],
    ['an SQS trigger batch size of 0', { 'functions.fulfil.triggers.0.batchSize': 0 }, 'functions.fulfil.triggers[0].batchSize', /from 1 to 10000, got 0/],
    ['an SQS trigger batch size of 10001', { 'functions.fulfil.triggers.0.batchSize': 10_001 }, 'functions.fulfil.triggers[0].batchSize', /from 1 to 10000, got 10001/],
    ['a stream trigger batch size of 10001', { 'functions.project.triggers.0.batchSize': 10_001 }, 'functions.project.triggers[0].batchSize', /from 1 to 10000, got 10001/],
    ['an SQS batch above 10 without a batching window', { 'functions.fulfil.triggers.0.batchSize': 11 }, 'functions.fulfil.triggers[0].batchSize', /above 10 needs maximumBatchingWindowInSeconds of at least 1/],
    ['a maximumConcurrency of 1', { 'functions.fulfil.triggers.0.maximumConcurrency': 1 }, 'functions.fulfil.triggers[0].maximumConcurrency', /from 2 to 1000, got 1/],
    ['a visibility timeout below the function timeout', { 'functions.fulfil.timeoutSeconds': 61 }, 'functions.fulfil.triggers[0].queue', /visibility timeout \(60 s\) is less than the function timeout \(61 s\)/],
    ['a parallelizationFactor of 11', { 'functions.project.triggers.0.parallelizationFactor': 11 }, 'functions.project.triggers[0].parallelizationFactor', /from 1 to 10, got 11/],
    ['a stream maximumRecordAgeInSeconds of 59', { 'functions.project.triggers.0.maximumRecordAgeInSeconds': 59 }, 'functions.project.triggers[0].maximumRecordAgeInSeconds', /from 60 to 604800 \(or -1\), got 59/],
    ['a pipe maximumRecordAgeInSeconds of 59', { 'pipes.ordersToBus.source.maximumRecordAgeInSeconds': 59 }, 'pipes.ordersToBus.source.maximumRecordAgeInSeconds', /from 60 to 604800 \(or -1\), got 59/],
    ['more than 5 pipe filter patterns', { 'pipes.ordersToBus.filters': Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })) }, 'pipes.ordersToBus.filters', /at most 5 filter patterns, got 6/],
    ['more than 5 rule targets', { 'rules.orderPlaced.targets': Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, queue: 'fulfilment' })) }, 'rules.orderPlaced.targets', /1 to 5 targets/],
    ['a rule without targets', { 'rules.orderPlaced.targets': [] }, 'rules.orderPlaced.targets', /1 to 5 targets/],
    ['duplicate target ids', { 'rules.orderPlaced.targets': [{ queue: 'fulfilment' }, { queue: 'fulfilment' }] }, 'rules.orderPlaced.targets[1].id', /duplicate target id "fulfilment"/],
    ['input and inputPath together', { 'rules.orderPlaced.targets.0': { queue: 'fulfilment', input: '{}', inputPath: '$.detail' } }, 'rules.orderPlaced.targets[0]', /at most one of input, inputPath, inputTransformer/],
    ['an input that is not JSON', { 'rules.orderPlaced.targets.0': { queue: 'fulfilment', input: '{not json' } }, 'rules.orderPlaced.targets[0].input', /valid JSON/],
    ['a queue as its own DLQ', { 'queues.fulfilment.deadLetterQueue.queue': 'fulfilment' }, 'queues.fulfilment.deadLetterQueue.queue', /cannot be its own dead-letter queue/],
    ['a maxReceiveCount of 0', { 'queues.fulfilment.deadLetterQueue.maxReceiveCount': 0 }, 'queues.fulfilment.deadLetterQueue.maxReceiveCount', /from 1 to 1000, got 0/],
    ['a handler without a module extension', { 'functions.fulfil.handler': 'src/apps/shop/fulfil/handler' }, 'functions.fulfil.handler', /must be "<module path>\.ts#<export>", got "src\/apps\/shop\/fulfil\/handler"/],
    ['a handler export that is not an identifier', { 'functions.fulfil.handler': 'src/handler.ts#1st' }, 'functions.fulfil.handler', /must be "<module path>\.ts#<export>"/],
    ['an undeclared async on-failure queue', { 'functions.fulfil.onAsyncFailureQueue': 'nope' }, 'functions.fulfil.onAsyncFailureQueue', /unknown queue "nope"/],
    ['a maximumAsyncRetryAttempts of 3', { 'functions.fulfil.maximumAsyncRetryAttempts': 3 }, 'functions.fulfil.maximumAsyncRetryAttempts', /from 0 to 2, got 3/],
    ['a negative maximumAsyncRetryAttempts', { 'functions.fulfil.maximumAsyncRetryAttempts': -1 }, 'functions.fulfil.maximumAsyncRetryAttempts', /from 0 to 2, got -1/],
    ['a timeout of 901', { 'functions.fulfil.timeoutSeconds': 901 }, 'functions.fulfil.timeoutSeconds', /from 1 to 900, got 901/],
    ['an unknown route method', { 'httpApis.public.routes.0.route': 'FETCH /x' }, 'httpApis.public.routes[0].route', /must be "METHOD \/path" or "\$default", got "FETCH \/x"/],
    ['a route path without a leading slash', { 'httpApis.public.routes.0.route': 'GET x' }, 'httpApis.public.routes[0].route', /must be "METHOD \/path" or "\$default", got "GET x"/],
    ['a greedy parameter before the last segment', { 'httpApis.public.routes.1.route': 'ANY /files/{proxy+}/meta' }, 'httpApis.public.routes[1].route', /greedy \{param\+\} must be the last path segment/],
    ['a duplicate route', { 'httpApis.public.routes.1.route': 'GET /orders/{id}' }, 'httpApis.public.routes[1].route', /duplicate route "GET \/orders\/\{id\}"/],
    ['an unknown function in a route', { 'httpApis.public.routes.0.function': 'nope' }, 'httpApis.public.routes[0].function', /unknown function "nope" \(declared functions: fulfil, project, getOrder\)/],
    ['an environment reference to an unknown table', { 'functions.fulfil.environment.ORDERS_TABLE': tableName('nope') }, 'functions.fulfil.environment.ORDERS_TABLE', /unknown table "nope"/],
    ['tableAccess to an undeclared table', { 'functions.fulfil.tableAccess.nope': ['GetItem'] }, 'functions.fulfil.tableAccess.nope', /unknown table "nope" \(declared tables: orders\)/],
    ['tableAccess without actions', { 'functions.fulfil.tableAccess.orders': [] }, 'functions.fulfil.tableAccess.orders', /needs at least one action \(GetItem, BatchGetItem, Query/],
    ['an unknown tableAccess action', { 'functions.fulfil.tableAccess.orders': ['GetItem', 'TransactWriteItems'] }, 'functions.fulfil.tableAccess.orders', /unknown action "TransactWriteItems" \(known: GetItem,/],
    ['a duplicate tableAccess action', { 'functions.fulfil.tableAccess.orders': ['GetItem', 'GetItem'] }, 'functions.fulfil.tableAccess.orders', /duplicate action "GetItem"/],
    ['a table name in the environment without tableAccess', { 'functions.fulfil.tableAccess': undefined }, 'functions.fulfil.environment.ORDERS_TABLE', /references table "orders" but the function declares no access to it: add `tableAccess: \{ orders: \[\.\.\.\] \}`/],
    ['a table stream ARN in the environment without tableAccess', { 'functions.project.environment': { STREAM: tableStreamArn('orders') } }, 'functions.project.environment.STREAM', /references table "orders" but the function declares no access to it/],
    ['an app name with capitals and underscores', { name: 'Shop_App' }, 'name', /lower-case letters, digits, dashes\), got "Shop_App"/],
  ])('reports %s', (_, changes, path, message) => {
    const app = appWith(changes);

    const issues = issuesOf(app);

    expect(issues).toContainEqual(issue(path, message));
  });

  it.each([
    ['an SQS batch above 10 with a 1 s batching window', { 'functions.fulfil.triggers.0.batchSize': 11, 'functions.fulfil.triggers.0.maximumBatchingWindowInSeconds': 1 }],
    ['a stream maximumRecordAgeInSeconds of -1', { 'functions.project.triggers.0.maximumRecordAgeInSeconds': -1 }],
    ['a pipe maximumRecordAgeInSeconds of -1', { 'pipes.ordersToBus.source.maximumRecordAgeInSeconds': -1 }],
    ['a bounded pipe: 10 records a batch, bisect, 604,800 s at most', { 'pipes.ordersToBus.source': { batchSize: 10, startingPosition: 'LATEST', maximumRetryAttempts: 0, maximumRecordAgeInSeconds: 604_800, onPartialBatchItemFailure: 'AUTOMATIC_BISECT', deadLetterQueue: 'pipeDlq' } }],
    ['the $default route', { 'httpApis.public.routes.1.route': '$default' }],
    ['tableAccess with every known action', { 'functions.getOrder.tableAccess': { orders: ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'] } }],
  ])('accepts %s', (_, changes) => {
    const app = appWith(changes);

    const issues = issuesOf(app);

    expect(issues).toEqual([]);
  });
});

describe('validateApp event patterns', () => {
  it('reports an invalid rule pattern with AWS reason text', () => {
    const app = appWith({ 'rules.orderPlaced.eventPattern': { source: 'not-an-array' } });

    const issues = issuesOf(app);

    expect(issues).toContainEqual({
      path: 'rules.orderPlaced.eventPattern',
      message: 'invalid event pattern: Event pattern is not valid. Reason: "source" must be an object or an array',
    });
  });

  it.each([
    ['anything-but with prefix', { eventName: [{ 'anything-but': { prefix: 'REM' } }] }, /Reason: Unsupported anything-but pattern: prefix/],
    ['wildcard', { eventName: [{ wildcard: 'INS*' }] }, /Reason: Unrecognized match type wildcard/],
  ])('rejects %s in pipe and trigger filters but accepts it in a rule', (_, pattern, reason) => {
    const inFilters = appWith({ 'pipes.ordersToBus.filters': [pattern], 'functions.project.triggers.0.filterCriteria': { patterns: [pattern] } });
    const inRule = appWith({ 'rules.orderPlaced.eventPattern': pattern });

    const filterIssues = issuesOf(inFilters);
    const ruleIssues = issuesOf(inRule);

    expect(filterIssues).toEqual([
      issue('pipes.ordersToBus.filters[0]', reason),
      issue('functions.project.triggers[0].filterCriteria.patterns[0]', reason),
    ]);
    expect(ruleIssues).toEqual([]);
  });

  it('reports more than 5 trigger filter patterns', () => {
    const app = appWith({ 'functions.fulfil.triggers.0.filterCriteria': { patterns: Array.from({ length: 6 }, () => ({ body: { kind: ['a'] } })) } });

    const issues = issuesOf(app);

    expect(issues).toEqual([issue('functions.fulfil.triggers[0].filterCriteria.patterns', /at most 5 filter patterns, got 6/)]);
  });
});

describe('TopologyError', () => {
  it('lists every problem found, each with its app-qualified path', () => {
    const app = appWith({
      'rules.orderPlaced.targets.0.queue': 'nope',
      'functions.fulfil.handler': 'handler',
      'httpApis.public.routes.0.route': 'FETCH /x',
    });

    const error = captureError(() => validateApp(app));

    expect(error).toBeInstanceOf(TopologyError);
    const { issues, message } = error as TopologyError;
    expect(issues.length).toBeGreaterThanOrEqual(3);
    expect(message).toMatch(/^Invalid topology for app "shop" \(\d+ problems\):/);
    for (const { path, message: text } of issues) expect(message).toContain(`  - shop.${path}: ${text}`);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['rules.orderPlaced.targets[0].queue', 'functions.fulfil.handler', 'httpApis.public.routes[0].route']),
    );
  });
});

describe('validateApp buckets', () => {
  const withBucket = (changes: Readonly<Record<string, unknown>> = {}) =>
    appWith({
      buckets: { uploads: {} },
      'functions.getOrder.environment': { UPLOADS_BUCKET: { ref: 'bucketName', name: 'uploads' } },
      'functions.getOrder.bucketAccess': { uploads: ['GetObject', 'PutObject'] },
      ...changes,
    });

  it('accepts a bucket with access, a bucketName reference and an s3 trigger', () => {
    const app = withBucket({ 'functions.project.triggers': [{ type: 's3', bucket: 'uploads', prefix: 'in/', suffix: '.csv' }] });

    expect(issuesOf(app)).toEqual([]);
  });

  it.each([
    ['a logical name S3 refuses (capitals)', { buckets: { Uploads: {} } }, 'buckets.Uploads', /makes the bucket name "shop-Uploads", which S3 refuses/],
    ['a logical name S3 refuses (underscore)', { buckets: { raw_files: {} } }, 'buckets.raw_files', /"shop-raw_files", which S3 refuses/],
    ['a bucket name over 63 characters', { buckets: { ['b'.repeat(60)]: {} } }, `buckets.${'b'.repeat(60)}`, /which S3 refuses: 3–63/],
    ['bucketAccess to an undeclared bucket', { 'functions.getOrder.bucketAccess': { uploads: ['GetObject'], nope: ['GetObject'] } }, 'functions.getOrder.bucketAccess.nope', /unknown bucket "nope" \(declared buckets: uploads\)/],
    ['bucketAccess without actions', { 'functions.getOrder.bucketAccess': { uploads: [] } }, 'functions.getOrder.bucketAccess.uploads', /needs at least one action \(GetObject, PutObject, DeleteObject, ListBucket\)/],
    ['an unknown bucketAccess action', { 'functions.getOrder.bucketAccess': { uploads: ['GetObject', 'PutBucketPolicy'] } }, 'functions.getOrder.bucketAccess.uploads', /unknown action "PutBucketPolicy"/],
    ['a duplicate bucketAccess action', { 'functions.getOrder.bucketAccess': { uploads: ['PutObject', 'PutObject'] } }, 'functions.getOrder.bucketAccess.uploads', /duplicate action "PutObject"/],
    ['a bucket name in the environment without bucketAccess', { 'functions.getOrder.bucketAccess': undefined }, 'functions.getOrder.environment.UPLOADS_BUCKET', /references bucket "uploads" but the function declares no access to it: add `bucketAccess: \{ uploads: \[\.\.\.\] \}`/],
  ])('reports %s', (_, changes, path, message) => {
    const app = withBucket(changes);

    const issues = issuesOf(app);

    expect(issues).toContainEqual(issue(path, message));
  });
});

describe('validateApp Kinesis streams', () => {
  const kinesisTrigger = { type: 'kinesis', stream: 'events', startingPosition: 'TRIM_HORIZON' };
  const withStream = (changes: Readonly<Record<string, unknown>> = {}) =>
    appWith({
      kinesisStreams: { events: { shardCount: 2, retentionHours: 48 } },
      'functions.getOrder.environment': { EVENTS_STREAM: { ref: 'kinesisStreamName', name: 'events' }, EVENTS_ARN: { ref: 'kinesisStreamArn', name: 'events' } },
      'functions.project.triggers': [{ ...kinesisTrigger, batchSize: 10_000, bisectBatchOnFunctionError: true, onFailureQueue: 'projectFailures' }],
      ...changes,
    });

  it('accepts a stream, its name and ARN references, and a kinesis trigger', () => {
    expect(issuesOf(withStream())).toEqual([]);
  });

  it.each([
    ['no shards', { 'kinesisStreams.events.shardCount': 0 }, 'kinesisStreams.events.shardCount', /from 1 to 500, got 0/],
    ['over 500 shards', { 'kinesisStreams.events.shardCount': 501 }, 'kinesisStreams.events.shardCount', /from 1 to 500, got 501/],
    ['a retention under 24 hours', { 'kinesisStreams.events.retentionHours': 12 }, 'kinesisStreams.events.retentionHours', /from 24 to 8760, got 12/],
    ['a retention over a year', { 'kinesisStreams.events.retentionHours': 8_761 }, 'kinesisStreams.events.retentionHours', /from 24 to 8760, got 8761/],
    ['a trigger on an undeclared stream', { 'functions.project.triggers': [{ ...kinesisTrigger, stream: 'nope' }] }, 'functions.project.triggers[0].stream', /unknown Kinesis stream "nope"/],
    ['a reference to an undeclared stream', { 'functions.getOrder.environment': { S: { ref: 'kinesisStreamName', name: 'nope' } } }, 'functions.getOrder.environment.S', /unknown Kinesis stream "nope"/],
    ['a batch size over 10,000', { 'functions.project.triggers': [{ ...kinesisTrigger, batchSize: 10_001 }] }, 'functions.project.triggers[0].batchSize', /from 1 to 10000/],
    ['a batch size of 0', { 'functions.project.triggers': [{ ...kinesisTrigger, batchSize: 0 }] }, 'functions.project.triggers[0].batchSize', /from 1 to 10000/],
    ['an unknown starting position', { 'functions.project.triggers': [{ ...kinesisTrigger, startingPosition: 'AT_TIMESTAMP' }] }, 'functions.project.triggers[0].startingPosition', /TRIM_HORIZON or LATEST/],
    ['a parallelization factor over 10', { 'functions.project.triggers': [{ ...kinesisTrigger, parallelizationFactor: 11 }] }, 'functions.project.triggers[0].parallelizationFactor', /from 1 to 10/],
    ['retries under −1', { 'functions.project.triggers': [{ ...kinesisTrigger, maximumRetryAttempts: -2 }] }, 'functions.project.triggers[0].maximumRetryAttempts', /from -1 to 10000/],
    ['a record age under 60 s', { 'functions.project.triggers': [{ ...kinesisTrigger, maximumRecordAgeInSeconds: 30 }] }, 'functions.project.triggers[0].maximumRecordAgeInSeconds', /from 60 to 604800 \(or -1\)/],
    ['a batching window over 300 s', { 'functions.project.triggers': [{ ...kinesisTrigger, maximumBatchingWindowInSeconds: 301 }] }, 'functions.project.triggers[0].maximumBatchingWindowInSeconds', /from 0 to 300/],
    ['an undeclared on-failure queue', { 'functions.project.triggers': [{ ...kinesisTrigger, onFailureQueue: 'nope' }] }, 'functions.project.triggers[0].onFailureQueue', /unknown queue "nope"/],
  ])('reports %s', (_, changes, path, message) => {
    expect(issuesOf(withStream(changes))).toContainEqual(issue(path, message));
  });
});
