import { requiredEnv } from '../../../platform/aws-clients.ts';
import type { MockEnrichmentApiOptions } from '../enrich/mock-api.ts';
import type { RetryPolicy } from '../enrich/retry.ts';

/** The function environment variables the topology sets (names shared with topology.ts). */
export const ENV = {
  table: 'ENRICHMENT_STATUS_TABLE_NAME',
  bucket: 'ENRICHMENT_BUCKET_NAME',
  splitQueue: 'ENRICHMENT_SPLIT_QUEUE_URL',
  batchQueue: 'ENRICHMENT_BATCH_QUEUE_URL',
  finishQueue: 'ENRICHMENT_FINISH_QUEUE_URL',
  mockLatencyMs: 'ENRICHMENT_MOCK_LATENCY_MS',
  mockFailureRate: 'ENRICHMENT_MOCK_FAILURE_RATE',
  mockSeed: 'ENRICHMENT_MOCK_SEED',
  mockFailingBatches: 'ENRICHMENT_MOCK_FAILING_BATCHES',
  retryAttempts: 'ENRICHMENT_RETRY_ATTEMPTS',
  retryInitialDelayMs: 'ENRICHMENT_RETRY_INITIAL_DELAY_MS',
  crashAfterPartBatches: 'ENRICHMENT_CRASH_AFTER_PART_BATCHES',
} as const;

export const config = {
  get table() {
    return requiredEnv(ENV.table);
  },
  get bucket() {
    return requiredEnv(ENV.bucket);
  },
  get splitQueueUrl() {
    return requiredEnv(ENV.splitQueue);
  },
  get batchQueueUrl() {
    return requiredEnv(ENV.batchQueue);
  },
  get finishQueueUrl() {
    return requiredEnv(ENV.finishQueue);
  },
  /** Unset variables keep the mock's defaults (500 ms, never fails). */
  get mockApi(): MockEnrichmentApiOptions {
    return {
      ...optional('latencyMs', numberEnv(ENV.mockLatencyMs)),
      ...optional('failureRate', numberEnv(ENV.mockFailureRate)),
      ...optional('seed', process.env[ENV.mockSeed] || undefined),
      failingBatches: numberListEnv(ENV.mockFailingBatches),
    };
  },
  /** Unset variables keep the production backoff (3 attempts, 1 s then 2 s). */
  get retry(): RetryPolicy {
    return { ...optional('attempts', numberEnv(ENV.retryAttempts)), ...optional('initialDelayMs', numberEnv(ENV.retryInitialDelayMs)) };
  },
  /** Test-only fault: batches whose first delivery throws after writing the part, before counting. */
  get crashAfterPartBatches(): ReadonlySet<number> {
    return new Set(numberListEnv(ENV.crashAfterPartBatches));
  },
};

function numberEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`Environment variable ${name} must be a number, got "${raw}".`);
  return value;
}

function numberListEnv(name: string): number[] {
  const raw = process.env[name] ?? '';
  return raw.split(',').filter((part) => part.trim() !== '').map(Number);
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
