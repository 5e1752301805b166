import { bucketName, defineApp, kinesisStreamName, tableName } from '../../platform/topology/define.ts';
import type { FunctionDef, S3Trigger } from '../../platform/topology/types.ts';

export interface DispensaryOptions {
  /** App name, also the prefix of every local resource. Default `dispensary`. */
  name?: string;
}

const root = 'src/apps/dispensary';

/** The HTTP API's routes (decision 5), declared once: the gateway's routes, and the keys `api/routes.ts` must implement. */
export const API_ROUTES = [
  'POST /dispenses',
  'GET /dispenses',
  'GET /dispenses/{id}',
  'DELETE /dispenses/{id}',
  'POST /dispenses/{id}/patient',
  'POST /dispenses/{id}/drugs',
  'POST /dispenses/{id}/complete',
  'POST /dispenses/{id}/prescription/upload-url',
] as const;
export type ApiRouteKey = (typeof API_ROUTES)[number];

/** The event log and its snapshots: what the command handler reads and appends to (decision 3). */
const EVENT_LOG = { EVENT_LOG_TABLE_NAME: tableName('event-log'), SNAPSHOTS_TABLE_NAME: tableName('event-snapshots') };
/** Load = Get snapshot + Query events; append = one transaction of Puts (events and, every 5th, the snapshot). */
const EVENT_LOG_ACCESS = { 'event-log': ['Query', 'PutItem'], 'event-snapshots': ['GetItem', 'PutItem'] } as const;
const PRESCRIPTIONS = { PRESCRIPTIONS_BUCKET_NAME: bucketName('prescriptions') };

/** The analyzer runs on every prescription upload, one notification per suffix (S3 allows one suffix per rule). */
const prescriptionUploads: S3Trigger[] = ['.jpg', '.jpeg', '.png', '.pdf'].map((suffix) => ({
  type: 's3',
  bucket: 'prescriptions',
  events: ['s3:ObjectCreated:*'],
  prefix: 'prescriptions/',
  suffix,
}));

const functions: Record<string, FunctionDef> = {
  // The HTTP API (decision 5); also invoked directly under the document's name (decision 8).
  api: {
    handler: `${root}/api/handler.ts#handler`,
    environment: { ...EVENT_LOG, VIEWS_TABLE_NAME: tableName('dispenses-view'), ...PRESCRIPTIONS },
    tableAccess: { ...EVENT_LOG_ACCESS, 'dispenses-view': ['GetItem', 'Scan'] },
    // Presigning the upload URL needs the action the URL performs.
    bucketAccess: { prescriptions: ['PutObject'] },
    timeoutSeconds: 30,
    localAliases: ['dispensary-local-api'],
  },
  // Event log stream → Kinesis (decision 6); reads only the stream images.
  publisher: {
    handler: `${root}/publisher/handler.ts#handler`,
    environment: { EVENTS_STREAM_NAME: kinesisStreamName('events') },
    timeoutSeconds: 60,
    triggers: [
      {
        type: 'dynamodb-stream',
        table: 'event-log',
        startingPosition: 'TRIM_HORIZON',
        maximumRetryAttempts: 3,
        maximumRecordAgeInSeconds: 604_800,
        bisectBatchOnFunctionError: true,
        reportBatchItemFailures: true,
        onFailureQueue: 'publisher-dlq',
      },
    ],
  },
  // Kinesis → the view table, next sequence only; a gap is caught up from the event log (decision 4).
  'projector-views': {
    handler: `${root}/projector-views/handler.ts#handler`,
    environment: { VIEWS_TABLE_NAME: tableName('dispenses-view'), EVENT_LOG_TABLE_NAME: tableName('event-log') },
    tableAccess: { 'dispenses-view': ['GetItem', 'PutItem'], 'event-log': ['Query'] },
    timeoutSeconds: 60,
    triggers: [
      {
        type: 'kinesis',
        stream: 'events',
        startingPosition: 'TRIM_HORIZON',
        batchSize: 10,
        maximumRetryAttempts: 3,
        // A crash (not a reported record) halves the batch, so only the record causing it is dead-lettered.
        bisectBatchOnFunctionError: true,
        reportBatchItemFailures: true,
        onFailureQueue: 'projector-views-dlq',
      },
    ],
  },
  // S3 upload → UploadPrescription → (mock) AnalyzePrescription (decision 7).
  'projector-analyzer': {
    handler: `${root}/projector-analyzer/handler.ts#handler`,
    environment: { ...EVENT_LOG, ...PRESCRIPTIONS },
    tableAccess: EVENT_LOG_ACCESS,
    bucketAccess: { prescriptions: ['GetObject'] },
    timeoutSeconds: 300,
    onAsyncFailureQueue: 'projector-analyzer-dlq',
    triggers: prescriptionUploads,
  },
};

/**
 * The pharmacy dispense workflow, event-sourced (spec `dispensary.md`): an API appending to an
 * event log, a publisher to Kinesis, a views projector and an S3-triggered analyzer.
 */
export function dispensaryApp(options: DispensaryOptions = {}) {
  return defineApp({
    name: options.name ?? 'dispensary',
    tables: {
      'event-log': {
        partitionKey: { name: 'AggregateTypeAndId', type: 'S' },
        sortKey: { name: 'AggregateIdSequence', type: 'N' },
        stream: 'NEW_IMAGE',
      },
      'event-snapshots': { partitionKey: { name: 'AggregateTypeAndId', type: 'S' } },
      'dispenses-view': { partitionKey: { name: 'ViewId', type: 'S' } },
    },
    buckets: { prescriptions: { versioned: true } },
    kinesisStreams: { events: { shardCount: 1, retentionHours: 24 } },
    queues: {
      'publisher-dlq': { messageRetentionSeconds: 1_209_600 },
      'projector-views-dlq': { messageRetentionSeconds: 1_209_600 },
      'projector-analyzer-dlq': { messageRetentionSeconds: 1_209_600 },
    },
    functions,
    httpApis: {
      api: {
        routes: API_ROUTES.map((route) => ({ route, function: 'api' })),
        baseUrlEnv: 'DISPENSARY_API_BASE_URL',
      },
    },
  });
}
