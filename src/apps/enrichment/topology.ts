import { bucketName, defineApp, queueUrl, tableName } from '../../platform/topology/define.ts';
import type { BucketAction, DynamoDbAction, EnvValue, FunctionDef } from '../../platform/topology/types.ts';
import { ENV } from './shared/config.ts';

export interface EnrichmentOptions {
  /** App name, also the prefix of every local resource. Default `enrichment`. */
  name?: string;
  /** Batch workers at once (the SQS mapping's MaximumConcurrency, 2–1,000). Default 3 (the reference's). */
  workerConcurrency?: number;
  /** Mock enrichment API; unset fields keep its defaults (500 ms per batch, never fails, seed `enrichment`). */
  mockApi?: {
    latencyMs?: number;
    /** 0..1. */
    failureRate?: number;
    seed?: string;
    /** Batch indexes whose every call fails (they end in the DLQ and fail their request). */
    failingBatches?: readonly number[];
  };
  /** Enrichment retries; unset fields keep 3 attempts, 1 s then 2 s. */
  retry?: { attempts?: number; initialDelayMs?: number };
  /** Test fault: these batch indexes throw after writing their part on their first delivery, before being counted. */
  crashAfterPartBatches?: readonly number[];
}

const root = 'src/apps/enrichment';
const TABLE = { [ENV.table]: tableName('status') };
const BUCKET: Record<string, EnvValue> = { [ENV.bucket]: bucketName('storage') };
const status = (...actions: DynamoDbAction[]) => ({ status: actions });
const storage = (...actions: BucketAction[]) => ({ storage: actions });
const fn = (slice: string, def: Omit<FunctionDef, 'handler'>): FunctionDef => ({ handler: `${root}/${slice}/handler.ts#handler`, ...def });
const consumer = (queue: string, maximumConcurrency?: number) => [{ type: 'sqs' as const, queue, batchSize: 1, reportBatchItemFailures: true, ...(maximumConcurrency !== undefined && { maximumConcurrency }) }];

/**
 * Contact enrichment (spec `enrichment.md`): the API stores the input and queues one split message;
 * the splitter fans out batches of 100; workers (batch size 1, concurrency 3) write one part each and
 * count it once; the last count queues the finisher, which streams `output.json` and completes the
 * request. Any message that dies (5 receives) lands in the DLQ, whose consumer fails the request.
 */
export function enrichmentApp(options: EnrichmentOptions = {}) {
  // Only explicit settings become function environment: a synth must not carry test settings into a stack.
  const { mockApi = {}, retry = {} } = options;
  const workerEnv: Record<string, string> = {
    ...(mockApi.latencyMs !== undefined && { [ENV.mockLatencyMs]: String(mockApi.latencyMs) }),
    ...(mockApi.failureRate !== undefined && { [ENV.mockFailureRate]: String(mockApi.failureRate) }),
    ...(mockApi.seed !== undefined && { [ENV.mockSeed]: mockApi.seed }),
    ...(mockApi.failingBatches?.length && { [ENV.mockFailingBatches]: mockApi.failingBatches.join(',') }),
    ...(retry.attempts !== undefined && { [ENV.retryAttempts]: String(retry.attempts) }),
    ...(retry.initialDelayMs !== undefined && { [ENV.retryInitialDelayMs]: String(retry.initialDelayMs) }),
    ...(options.crashAfterPartBatches?.length && { [ENV.crashAfterPartBatches]: options.crashAfterPartBatches.join(',') }),
  };
  const deadLetter = { queue: 'dead-letter-queue', maxReceiveCount: 5 };

  return defineApp({
    name: options.name ?? 'enrichment',
    tables: { status: { partitionKey: { name: 'requestId', type: 'S' } } },
    buckets: { storage: { versioned: true, retain: true } },
    queues: {
      // Each visibility timeout exceeds its consumer's timeout, so a slow run is not delivered twice.
      'split-queue': { visibilityTimeoutSeconds: 180, deadLetterQueue: deadLetter },
      'batch-processing-queue': { visibilityTimeoutSeconds: 60, deadLetterQueue: deadLetter },
      'finish-queue': { visibilityTimeoutSeconds: 360, deadLetterQueue: deadLetter },
      'dead-letter-queue': { messageRetentionSeconds: 1_209_600 },
    },
    functions: {
      // Put (dedup claim + record, one transaction), Get (dedup, record), Update (split queued);
      // ListBucket makes a missing upload a NoSuchKey (a 400) rather than AccessDenied.
      createEnrichmentApi: fn('requests/createEnrichment', {
        environment: { ...TABLE, ...BUCKET, [ENV.splitQueue]: queueUrl('split-queue') },
        tableAccess: status('GetItem', 'PutItem', 'UpdateItem'),
        bucketAccess: storage('GetObject', 'PutObject', 'ListBucket'),
        timeoutSeconds: 29,
        memoryMb: 1024,
      }),
      getEnrichmentApi: fn('requests/getEnrichment', { environment: { ...TABLE, ...BUCKET }, tableAccess: status('GetItem'), bucketAccess: storage('GetObject'), timeoutSeconds: 10 }),
      createUploadApi: fn('requests/createUpload', { environment: BUCKET, bucketAccess: storage('PutObject'), timeoutSeconds: 10 }),
      splitRequestWorker: fn('batches/splitRequest', {
        environment: { ...TABLE, ...BUCKET, [ENV.batchQueue]: queueUrl('batch-processing-queue') },
        tableAccess: status('GetItem', 'UpdateItem'),
        bucketAccess: storage('GetObject'),
        timeoutSeconds: 120,
        memoryMb: 1024,
        triggers: consumer('split-queue'),
      }),
      // Get (record, batch marker); one transaction Put (marker) + Update (count).
      processBatchWorker: fn('batches/processBatch', {
        environment: { ...TABLE, ...BUCKET, [ENV.finishQueue]: queueUrl('finish-queue'), ...workerEnv },
        tableAccess: status('GetItem', 'PutItem', 'UpdateItem'),
        bucketAccess: storage('PutObject'),
        // Three attempts of a 500 ms call with 1 s + 2 s backoff take about 5 s.
        timeoutSeconds: 30,
        triggers: consumer('batch-processing-queue', options.workerConcurrency ?? 3),
      }),
      finishRequestWorker: fn('batches/finishRequest', {
        environment: { ...TABLE, ...BUCKET },
        tableAccess: status('GetItem', 'UpdateItem'),
        bucketAccess: storage('GetObject', 'PutObject'),
        timeoutSeconds: 300,
        memoryMb: 1024,
        triggers: consumer('finish-queue'),
      }),
      failRequestWorker: fn('batches/failRequest', { environment: TABLE, tableAccess: status('GetItem', 'UpdateItem'), timeoutSeconds: 30, triggers: consumer('dead-letter-queue') }),
    },
    httpApis: {
      api: {
        routes: [
          { route: 'POST /enrichment', function: 'createEnrichmentApi' },
          { route: 'GET /enrichment/{id}', function: 'getEnrichmentApi' },
          { route: 'POST /enrichment/uploads', function: 'createUploadApi' },
        ],
        cors: { allowOrigins: ['*'], allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key'] },
        baseUrlEnv: 'ENRICHMENT_API_BASE_URL',
      },
    },
  });
}
