import { defineApp, tableName } from '../../platform/topology/define.ts';
import type { CorsDef, FunctionDef, StreamTrigger } from '../../platform/topology/types.ts';
import { API_ROUTES } from './http/route-keys.ts';

export interface ServiceLimitsOptions {
  /** App name, also the prefix of every local resource. Default `service-limits`. */
  name?: string;
}

const root = 'src/apps/service-limits';
const TABLE = 'distributed-counter';
const env = { TABLE_NAME: tableName(TABLE) };
const cors: CorsDef = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization'],
  exposeHeaders: ['*'],
};

/**
 * The reference's event source mapping (batches of 50 from the oldest record, one event name, service
 * items only), bounded: a record still failing after 10 retries (a crash bisected down to it, or a
 * transient error that never clears) goes to the consumer's DLQ instead of holding the shard for the
 * stream's 24 hours. No maximum age, so a backlog that is only late is still counted.
 */
const counterTrigger = (eventName: 'INSERT' | 'MODIFY', onFailureQueue: string): StreamTrigger => ({
  type: 'dynamodb-stream',
  table: TABLE,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 50,
  filterCriteria: { patterns: [{ eventName: [eventName], dynamodb: { Keys: { SK: { S: [{ prefix: 'SERVICE#' }] } } } }] },
  reportBatchItemFailures: true,
  maximumRetryAttempts: 10,
  bisectBatchOnFunctionError: true,
  onFailureQueue,
});

const consumer = (name: string, file: string, actions: FunctionDef['tableAccess'], eventName: 'INSERT' | 'MODIFY'): FunctionDef => ({
  handler: `${root}/counters/${file}.ts#handler`,
  environment: env,
  tableAccess: actions,
  timeoutSeconds: 50,
  // The reference's consumers: Node.js 22, 4,096 MB, 50 s.
  memoryMb: 4096,
  triggers: [counterTrigger(eventName, `${name}-dlq`)],
});

/**
 * Per-account service limits (spec `service-limits.md`): one table whose stream feeds two counter
 * consumers, and one HTTP API served by one function (`http/routes.ts` on the platform's `httpApi`).
 */
export function serviceLimitsApp(options: ServiceLimitsOptions = {}) {
  return defineApp({
    name: options.name ?? 'service-limits',
    tables: {
      [TABLE]: {
        partitionKey: { name: 'PK', type: 'S' },
        sortKey: { name: 'SK', type: 'S' },
        stream: 'NEW_AND_OLD_IMAGES',
      },
    },
    // AWS's failure record (shard, sequence numbers) of each batch a counter consumer gave up on.
    queues: {
      'service-insert-counter-dlq': { messageRetentionSeconds: 1_209_600 },
      'service-modify-counter-dlq': { messageRetentionSeconds: 1_209_600 },
    },
    functions: {
      // Reads by key and by partition, scans for the list routes; transactions create/delete an account with its counter.
      api: {
        handler: `${root}/http/handler.ts#handler`,
        environment: env,
        tableAccess: { [TABLE]: ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem'] },
        timeoutSeconds: 10,
      },
      // One transaction: conditional Update of the service (flag) + Update (ADD) of the counter.
      'service-insert-counter': consumer('service-insert-counter', 'insert-handler', { [TABLE]: ['UpdateItem'] }, 'INSERT'),
      // One transaction: conditional Delete of the service + Update (ADD −1) of the counter.
      'service-modify-counter': consumer('service-modify-counter', 'modify-handler', { [TABLE]: ['DeleteItem', 'UpdateItem'] }, 'MODIFY'),
    },
    httpApis: {
      api: {
        // `$default` catches the reference's trailing-slash paths (`POST /accounts/`), which no route key can express.
        routes: [...API_ROUTES.map((route) => ({ route, function: 'api' })), { route: '$default', function: 'api' }],
        cors,
        baseUrlEnv: 'SERVICE_LIMITS_API_BASE_URL',
      },
    },
  });
}
