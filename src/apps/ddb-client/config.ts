import { parseArgs } from 'node:util';
import { isDynamoDbTableName } from '../../platform/limits.ts';
import { DdbClientError, MissingTableNameError } from './errors.ts';
import { OPERATION_NAMES, type OperationName } from './operation.ts';

export const DDB_CLIENT_USAGE = `Usage: npm run ddb-client -- [options]     (eventloom ddb-client [options])

Runs DynamoDB operations (conditional put, projected get, update, paginated scan, GSI query,
conditional delete, batch write) against the users table and reports latency and consumed capacity.
Environment (flags win; .env in the current directory is loaded without overriding it):
  DYNAMODB_TABLE_NAME         the table (required; npm start writes it to .env)
  AWS_REGION                  else AWS_DEFAULT_REGION, else us-east-1
  AWS_ENDPOINT_URL_DYNAMODB   endpoint override (npm start writes the local one to .env)
  OPERATION_INTERVAL_MS       demo: pause after each operation (default 3000)
  MAX_OPERATIONS              demo: stop after this many successful operations (0 or unset: run until Ctrl-C)
Options:
  --table <name>          table name (DYNAMODB_TABLE_NAME)
  --endpoint <url>        DynamoDB endpoint (AWS_ENDPOINT_URL_DYNAMODB)
  --mode demo|load        demo: one random operation every interval; load: constant arrival rate (default demo)
  --interval-ms <n>       demo interval (OPERATION_INTERVAL_MS)
  --max-operations <n>    demo stop after n successes (MAX_OPERATIONS)
  --rate <n>              load: operations started per second (default 10)
  --duration <s>          load: seconds of arrivals (default 10)
  --concurrency <n>       load: operations in flight at most; arrivals beyond are dropped and counted (default 16)
  --operations <list>     comma-separated subset of ${OPERATION_NAMES.join(',')} (default all)
  --batch-size <n>        users per batch operation, 25 per BatchWriteItem call (default 3)
  --report-every <n>      print a metrics line every n operations (default 10 in demo, the rate in load)
  --seed <n>              seed the random choices and data (default: random)
  --create-table          create the table (on-demand, id key, department GSI) if missing and wait for ACTIVE
  --json                  JSON lines: one per operation and report, then the summary
  -h, --help              this help`;

export type Mode = 'demo' | 'load';

export interface DdbClientConfig {
  readonly tableName: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly mode: Mode;
  readonly intervalMs: number;
  /** Successful operations before a demo stops; undefined runs until stopped. */
  readonly maxOperations?: number;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly concurrency: number;
  readonly operations: readonly OperationName[];
  readonly batchSize: number;
  readonly reportEvery: number;
  readonly seed?: number;
  readonly createTable: boolean;
  readonly json: boolean;
}

export type ParsedArgs = { readonly help: true } | { readonly help: false; readonly config: DdbClientConfig };

/** Flags over environment over defaults; throws a one-line DdbClientError for anything missing or malformed. */
export function parseDdbClientArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      table: { type: 'string' },
      endpoint: { type: 'string' },
      mode: { type: 'string' },
      'interval-ms': { type: 'string' },
      'max-operations': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      operations: { type: 'string' },
      'batch-size': { type: 'string' },
      'report-every': { type: 'string' },
      seed: { type: 'string' },
      'create-table': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const tableName = values.table || env.DYNAMODB_TABLE_NAME;
  if (!tableName) throw new MissingTableNameError();
  if (!isDynamoDbTableName(tableName)) throw new DdbClientError(`--table (DYNAMODB_TABLE_NAME) must be 3–255 characters of A–Z, a–z, 0–9, _, - and ., got "${tableName.slice(0, 300)}"`);
  const mode = values.mode ?? 'demo';
  if (mode !== 'demo' && mode !== 'load') throw new DdbClientError(`--mode must be demo or load, got "${mode}"`);
  const rate = number('--rate', values.rate, 10, { min: 0.001 });
  const maxOperations = integer(values['max-operations'] !== undefined ? '--max-operations' : 'MAX_OPERATIONS', values['max-operations'] ?? env.MAX_OPERATIONS, 0);
  const endpoint = values.endpoint || env.AWS_ENDPOINT_URL_DYNAMODB;
  const seed = values.seed === undefined ? undefined : integer('--seed', values.seed, 0);
  return {
    help: false,
    config: {
      tableName,
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
      ...(endpoint && { endpoint }),
      mode,
      intervalMs: integer(values['interval-ms'] !== undefined ? '--interval-ms' : 'OPERATION_INTERVAL_MS', values['interval-ms'] ?? env.OPERATION_INTERVAL_MS, 3000),
      ...(maxOperations > 0 && { maxOperations }),
      rate,
      durationSeconds: number('--duration', values.duration, 10, { min: 0.001 }),
      concurrency: integer('--concurrency', values.concurrency, 16, { min: 1 }),
      operations: operationList(values.operations),
      batchSize: integer('--batch-size', values['batch-size'], 3, { min: 1, max: MAX_BATCH_SIZE }),
      reportEvery: integer('--report-every', values['report-every'], mode === 'load' ? Math.max(1, Math.round(rate)) : 10, { min: 1 }),
      ...(seed !== undefined && { seed }),
      createTable: values['create-table'],
      json: values.json,
    },
  };
}

/** Users a batch operation builds in memory and writes 25 per call. */
export const MAX_BATCH_SIZE = 10_000;

function integer(name: string, raw: string | undefined, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new DdbClientError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  if (value > max) throw new DdbClientError(`${name} must be at most ${max}, got "${raw}"`);
  return value;
}

// A rate or a duration past a million cannot be meant, and would overflow the schedule's timers.
const MAX_RATE_OR_SECONDS = 1_000_000;

function number(name: string, raw: string | undefined, fallback: number, { min = 0 } = {}): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new DdbClientError(`${name} must be a number ≥ ${min}, got "${raw}"`);
  if (value > MAX_RATE_OR_SECONDS) throw new DdbClientError(`${name} must be at most ${MAX_RATE_OR_SECONDS}, got "${raw}"`);
  return value;
}

function operationList(raw: string | undefined): readonly OperationName[] {
  if (raw === undefined) return OPERATION_NAMES;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(OPERATION_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new DdbClientError(`--operations takes a comma-separated list of ${OPERATION_NAMES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
  }
  return [...new Set(names)] as OperationName[];
}
