import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamFailureCondition } from './failure-record.ts';
import { dynamoDbRecordInfo, type StreamRecordInfo } from './stream-record-info.ts';

export type DeliveryOutcome =
  | { readonly ok: true }
  /** A whole-batch failure (error, timeout, malformed response): retried, or bisected when enabled. */
  | { readonly ok: false; readonly partial?: false; readonly error: string }
  /** Items reported failed: records before `retryFrom` are done, the rest is retried (never bisected). */
  | { readonly ok: false; readonly partial: true; readonly retryFrom: number; readonly error: string };

export interface StreamBatchOptions<R = DynamoDBRecord> {
  /** Delivers records; on success it must call `checkpoint(lastSequenceNumber)` (inside its own transaction if it writes state). */
  deliver(records: readonly R[], checkpoint: (sequenceNumber: string) => void): Promise<DeliveryOutcome>;
  /** Saves a checkpoint outside a delivery (skipped or discarded records). */
  checkpoint(sequenceNumber: string): void;
  /** Sends discarded records to the on-failure destination; called together with `checkpoint`. */
  discard(records: readonly R[], condition: StreamFailureCondition, attempts: number, error: string): void;
  /** −1 = retry until the record expires. */
  maximumRetryAttempts: number;
  /** −1 = until the record leaves the stream (`retentionSeconds`). */
  maximumRecordAgeInSeconds: number;
  /** The stream's retention; default 24 h (DynamoDB Streams, a default Kinesis stream). */
  retentionSeconds?: number;
  /** Reads sequence numbers and arrival times; default DynamoDB stream records. */
  recordInfo?: StreamRecordInfo<R>;
  bisectOnError: boolean;
  /** Delay before retry number `attempt` (1-based). */
  retryDelayMs(attempt: number): number;
  now(): number;
  /** Aborts retrying (shutdown); the records stay un-checkpointed and are delivered again after a restart. */
  signal: AbortSignal;
  /** Told before each retry (for the activity feed): the records about to be retried, the attempt number, the last error. */
  onRetry?(records: readonly R[], attempt: number, error: string): void;
}

interface PendingBatch<R> {
  records: readonly R[];
  attempts: number;
}

/**
 * Runs one stream batch to completion with AWS's stream-source semantics, shared by Lambda stream
 * mappings (DynamoDB, Kinesis) and pipes: records older than the maximum age are discarded, a
 * partial failure checkpoints before the first failed record and retries from there, a whole-batch
 * failure is bisected (halves do not count as retries) or retried, and a batch out of retries is
 * discarded to the on-failure destination. Records are never reordered.
 */
export async function runStreamBatch<R = DynamoDBRecord>(records: readonly R[], options: StreamBatchOptions<R>): Promise<void> {
  const info = options.recordInfo ?? (dynamoDbRecordInfo as unknown as StreamRecordInfo<R>);
  const sequenceOf = (record: R) => info.sequenceNumber(record);
  const pending: PendingBatch<R>[] = [{ records, attempts: 0 }];
  while (pending.length > 0 && !options.signal.aborted) {
    const batch = pending[0]!;
    const fresh = dropExpired(batch, options, info);
    if (fresh.length === 0) {
      pending.shift();
      continue;
    }
    batch.records = fresh;
    const outcome = await options.deliver(batch.records, options.checkpoint);
    if (outcome.ok) {
      pending.shift();
      continue;
    }
    if (outcome.partial) {
      if (outcome.retryFrom > 0) options.checkpoint(sequenceOf(batch.records[outcome.retryFrom - 1]!));
      batch.records = batch.records.slice(outcome.retryFrom);
    } else if (options.bisectOnError && batch.records.length > 1) {
      const middle = Math.ceil(batch.records.length / 2);
      pending.splice(0, 1, { records: batch.records.slice(0, middle), attempts: batch.attempts }, { records: batch.records.slice(middle), attempts: batch.attempts });
      continue;
    }
    batch.attempts += 1;
    if (options.maximumRetryAttempts >= 0 && batch.attempts > options.maximumRetryAttempts) {
      options.discard(batch.records, 'RetryAttemptsExhausted', batch.attempts, outcome.error);
      options.checkpoint(sequenceOf(batch.records[batch.records.length - 1]!));
      pending.shift();
      continue;
    }
    options.onRetry?.(batch.records, batch.attempts, outcome.error);
    await sleep(options.retryDelayMs(batch.attempts), options.signal);
  }
}

/** DynamoDB Streams keeps a record 24 hours: with no age limit, retries stop when it would be trimmed. */
export const STREAM_RETENTION_SECONDS = 86_400;

function dropExpired<R>(batch: PendingBatch<R>, options: StreamBatchOptions<R>, info: StreamRecordInfo<R>): readonly R[] {
  const retention = options.retentionSeconds ?? STREAM_RETENTION_SECONDS;
  const maxAge = options.maximumRecordAgeInSeconds < 0 ? retention : options.maximumRecordAgeInSeconds;
  const oldest = options.now() / 1000 - maxAge;
  const firstFresh = batch.records.findIndex((record) => (info.arrivalSeconds(record) ?? Infinity) >= oldest);
  const expired = firstFresh === -1 ? batch.records : batch.records.slice(0, firstFresh);
  if (expired.length === 0) return batch.records;
  options.discard(expired, 'RecordAgeExceeded', batch.attempts, 'record older than MaximumRecordAgeInSeconds');
  options.checkpoint(info.sequenceNumber(expired[expired.length - 1]!));
  return firstFresh === -1 ? [] : batch.records.slice(firstFresh);
}

/** Exponential backoff from `baseMs`, capped, for stream retries. */
export function streamRetryDelay(baseMs: number, capMs: number): (attempt: number) => number {
  return (attempt) => Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
