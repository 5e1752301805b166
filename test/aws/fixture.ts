import { defineApp, busArn, busName, queueArn, queueUrl, tableName, tableStreamArn } from '../../src/platform/topology/define.ts';

const handler = 'src/apps/ecommerce/inventory/listSkus/handler.ts#handler';

/** An app using every topology feature, so the parity test covers every field the types allow. */
export const fixtureApp = defineApp({
  name: 'fixture',
  tables: {
    ledger: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'N' },
      globalSecondaryIndexes: [
        { name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'at', type: 'N' }, projection: 'KEYS_ONLY' },
        { name: 'byKind', partitionKey: { name: 'kind', type: 'S' }, projection: { include: ['amount', 'note'] } },
        { name: 'byBlob', partitionKey: { name: 'blob', type: 'B' } },
      ],
      stream: 'NEW_AND_OLD_IMAGES',
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecovery: false,
      tags: { Environment: 'fixture', Team: 'ledger' },
    },
    plain: { partitionKey: { name: 'id', type: 'S' }, nameEnv: 'FIXTURE_PLAIN_TABLE_NAME' },
  },
  buses: { main: { description: 'the fixture bus' }, other: {} },
  pipes: {
    ledgerToBus: {
      sourceTable: 'ledger',
      source: {
        batchSize: 10,
        maximumBatchingWindowInSeconds: 5,
        startingPosition: 'TRIM_HORIZON',
        maximumRetryAttempts: 3,
        maximumRecordAgeInSeconds: 3600,
        onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        deadLetterQueue: 'pipeDlq',
      },
      filters: [{ eventName: ['INSERT'] }, { eventSourceARN: [tableStreamArn('ledger')], eventName: ['MODIFY'] }],
      target: { bus: 'main', source: 'fixture.ledger', detailType: 'LedgerRecord' },
    },
  },
  rules: {
    toQueue: {
      bus: 'main',
      description: 'every ledger record',
      eventPattern: { source: ['fixture.ledger'], detail: { eventSourceARN: [tableStreamArn('ledger')] } },
      enabled: false,
      targets: [
        {
          id: 'work',
          queue: 'work',
          retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 600 },
          deadLetterQueue: 'ruleDlq',
          inputTransformer: { inputPathsMap: { id: '$.detail.id' }, inputTemplate: '{"id": <id>}' },
        },
        { queue: 'work2', inputPath: '$.detail' },
      ],
    },
    toFunction: {
      bus: 'other',
      eventPattern: { 'detail-type': ['Ping'] },
      targets: [{ function: 'ruleTarget', input: '{"ping":true}', retryPolicy: { maximumRetryAttempts: 0 } }],
    },
  },
  queues: {
    work: {
      visibilityTimeoutSeconds: 60,
      messageRetentionSeconds: 86_400,
      delaySeconds: 5,
      receiveMessageWaitTimeSeconds: 20,
      maximumMessageSizeBytes: 65_536,
      deadLetterQueue: { queue: 'workDlq', maxReceiveCount: 5 },
    },
    workDlq: { messageRetentionSeconds: 1_209_600 },
    work2: {},
    pipeDlq: {},
    ruleDlq: {},
    failures: {},
    asyncFailures: {},
  },
  buckets: { uploads: { versioned: true, retain: false }, archive: { retain: true }, scratch: {} },
  kinesisStreams: { clicks: { shardCount: 2, retentionHours: 48 }, audit: {} },
  functions: {
    consumer: {
      handler,
      environment: {
        PLAIN: 'text',
        TABLE: tableName('plain'),
        STREAM: tableStreamArn('ledger'),
        OUT_URL: queueUrl('work2'),
        OUT_ARN: queueArn('work2'),
        BUS: busName('main'),
        BUS_ARN: busArn('main'),
      },
      // Every action, on a table without and one with GSIs (Query/Scan reach each declared index).
      tableAccess: {
        plain: ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'],
        ledger: ['GetItem', 'Query'],
      },
      timeoutSeconds: 30,
      memoryMb: 512,
      reservedConcurrency: 5,
      triggers: [
        {
          type: 'sqs',
          queue: 'work',
          batchSize: 20,
          maximumBatchingWindowInSeconds: 2,
          maximumConcurrency: 3,
          filterCriteria: { patterns: [{ body: { kind: ['a'] } }] },
          reportBatchItemFailures: true,
          enabled: false,
        },
        {
          type: 'dynamodb-stream',
          table: 'ledger',
          startingPosition: 'LATEST',
          batchSize: 200,
          maximumBatchingWindowInSeconds: 1,
          maximumRetryAttempts: 2,
          maximumRecordAgeInSeconds: 120,
          bisectBatchOnFunctionError: true,
          parallelizationFactor: 4,
          filterCriteria: { patterns: [{ eventName: ['INSERT'] }, { dynamodb: { Keys: { pk: { S: [{ prefix: 'a' }] } } } }] },
          reportBatchItemFailures: false,
          onFailureQueue: 'failures',
          enabled: true,
        },
      ],
    },
    ruleTarget: { handler: 'src/apps/ecommerce/inventory/listSkus/handler.ts#handler', tableAccess: { plain: ['ConditionCheckItem'] } },
    api: { handler, environment: { TABLE: tableName('ledger') }, tableAccess: { ledger: ['PutItem', 'Scan'] } },
    chaos: { handler: 'src/apps/ecommerce/testing/simulateRawEvent/handler.ts' },
    // Writes objects and records; its bucket and stream names grant nothing beyond bucketAccess and PutRecord(s).
    producer: {
      handler,
      environment: { BUCKET: { ref: 'bucketName', name: 'uploads' }, CLICKS: { ref: 'kinesisStreamName', name: 'clicks' }, AUDIT_ARN: { ref: 'kinesisStreamArn', name: 'audit' } },
      bucketAccess: { uploads: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket'], archive: ['ListBucket'], scratch: ['PutObject'] },
    },
    // Notified by the bucket it names and reads: a dependency cycle unless the bucket is named without
    // a reference to it (Template.fromStack in helpers.ts rejects a template with a cycle).
    onUpload: {
      handler,
      environment: { BUCKET: { ref: 'bucketName', name: 'uploads' } },
      bucketAccess: { uploads: ['GetObject'] },
      onAsyncFailureQueue: 'asyncFailures',
      maximumAsyncRetryAttempts: 1,
      triggers: [
        { type: 's3', bucket: 'uploads', events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:*'], prefix: 'incoming/', suffix: '.jpg' },
        {
          type: 'kinesis',
          stream: 'clicks',
          startingPosition: 'TRIM_HORIZON',
          batchSize: 500,
          maximumBatchingWindowInSeconds: 3,
          maximumRetryAttempts: 5,
          maximumRecordAgeInSeconds: 600,
          bisectBatchOnFunctionError: true,
          parallelizationFactor: 2,
          filterCriteria: { patterns: [{ data: { kind: ['click'] } }] },
          reportBatchItemFailures: true,
          onFailureQueue: 'failures',
          enabled: false,
        },
        { type: 's3', bucket: 'archive', prefix: 'logs/' },
        { type: 's3', bucket: 'uploads', events: ['s3:ObjectCreated:Copy'], suffix: '.png' },
      ],
    },
    onArchive: { handler, maximumAsyncRetryAttempts: 0, triggers: [{ type: 's3', bucket: 'archive', events: ['s3:ObjectRemoved:Delete'] }, { type: 'kinesis', stream: 'audit', startingPosition: 'LATEST' }] },
  },
  httpApis: {
    public: {
      routes: [
        { route: 'GET /items/{id}', function: 'api' },
        { route: 'ANY /files/{proxy+}', function: 'api' },
        { route: '$default', function: 'api' },
      ],
      cors: {
        allowOrigins: ['https://example.com'],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        allowCredentials: true,
        maxAgeSeconds: 300,
      },
      baseUrlEnv: 'FIXTURE_API_BASE_URL',
    },
    chaos: { routes: [{ route: 'POST /chaos', function: 'chaos' }], devOnly: true, baseUrlEnv: 'FIXTURE_CHAOS_BASE_URL' },
  },
});
