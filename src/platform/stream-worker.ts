import type { DynamoDBRecord, KinesisStreamRecord } from 'aws-lambda';
import { describeError, isExpected, isTransient } from './errors.ts';
import { createLogger, type Logger } from './log.ts';

/** A record of an ordered stream: a DynamoDB stream or a Kinesis data stream. */
export type StreamRecord = DynamoDBRecord | KinesisStreamRecord;

/** What a stream handler answers (the shape of `DynamoDBBatchResponse` and `KinesisStreamBatchResponse`). */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface StreamWorkerOptions<R extends StreamRecord, Item> {
  /**
   * What `handle` needs from a record; `undefined` for a record that needs nothing. Throw a
   * permanent DomainError (InvalidArgumentsError) for one that can never be handled: it is logged
   * and skipped. Default: the record itself.
   */
  parse?: (record: R) => Item | undefined;
  handle: (item: Item, record: R) => Promise<void>;
  /** Default: a JSON logger tagged with the function name. */
  logger?: Logger;
}

/**
 * Turns a per-record handler into a DynamoDB-stream or Kinesis batch handler (the shape of
 * Powertools' `processPartialResponse` for ordered sources): records run one after another; the
 * first transient failure stops the batch and is reported with every later record in
 * `batchItemFailures`, so Lambda retries from it and nothing overtakes it; a permanent failure is
 * logged (at info when `expected`) and skipped.
 *
 * @example
 * export const handler = streamWorker({ parse: (record: KinesisStreamRecord) => parseEvent(record), handle: (event) => project(deps, event) });
 */
export function streamWorker<R extends StreamRecord, Item = R>(options: StreamWorkerOptions<R, Item>) {
  const log = options.logger ?? functionLogger();
  const parse = options.parse ?? ((record: R) => record as unknown as Item);
  return async (event: { Records?: R[] }): Promise<StreamBatchResponse> => {
    const records = event?.Records ?? [];
    for (const [index, record] of records.entries()) {
      try {
        const item = parse(record);
        if (item !== undefined) await options.handle(item, record);
      } catch (error) {
        if (isTransient(error)) return retryFrom(records, index, error, log);
        skip(record, error, log);
      }
    }
    return { batchItemFailures: [] };
  };
}

export interface StreamBatchWorkerOptions<R extends StreamRecord, Item> {
  /**
   * As for streamWorker: `undefined` needs nothing, a permanent error is logged and skipped, a
   * transient one ends the batch at that record. Default: the record itself.
   */
  parse?: (record: R) => Item | undefined;
  /**
   * Handles the parsed records at once, in order (e.g. one PutRecords); returns how many of them,
   * from the first, are done: the batch is retried from the next one. A throw fails the whole
   * invocation, so the mapping's retries and bisection apply.
   */
  handleBatch: (items: readonly { readonly item: Item; readonly record: R }[]) => Promise<number>;
  /** Default: a JSON logger tagged with the function name. */
  logger?: Logger;
}

/**
 * streamWorker for a sink that takes many records per call: parse every record (skipping the
 * permanent failures), hand the rest over at once, and report the first one not done with every
 * record after it.
 *
 * @example
 * export const handler = streamBatchWorker({ parse: toOutgoing, handleBatch: (items) => putRecords(deps, items) });
 */
export function streamBatchWorker<R extends StreamRecord, Item = R>(options: StreamBatchWorkerOptions<R, Item>) {
  const log = options.logger ?? functionLogger();
  const parse = options.parse ?? ((record: R) => record as unknown as Item);
  return async (event: { Records?: R[] }): Promise<StreamBatchResponse> => {
    const records = event?.Records ?? [];
    const items: { item: Item; record: R; index: number }[] = [];
    // A transient parse failure ends the batch there, as in streamWorker: what precedes it is still handled.
    let unread: { index: number; error: unknown } | undefined;
    for (const [index, record] of records.entries()) {
      try {
        const item = parse(record);
        if (item !== undefined) items.push({ item, record, index });
      } catch (error) {
        if (!isTransient(error)) {
          skip(record, error, log);
          continue;
        }
        unread = { index, error };
        break;
      }
    }
    const done = items.length === 0 ? 0 : await options.handleBatch(items);
    const next = items[done];
    if (next) return retryFrom(records, next.index, undefined, log);
    return unread ? retryFrom(records, unread.index, unread.error, log) : { batchItemFailures: [] };
  };
}

/** A record's place in its stream: what `batchItemFailures` names. */
export function sequenceNumber(record: StreamRecord): string {
  return 'kinesis' in record ? record.kinesis.sequenceNumber : (record.dynamodb?.SequenceNumber ?? '');
}

function retryFrom(records: readonly StreamRecord[], index: number, error: unknown, log: Logger): StreamBatchResponse {
  const failed = records.slice(index).map((record) => ({ itemIdentifier: sequenceNumber(record) }));
  log.warn('transient failure, the batch is retried from this record', {
    sequenceNumber: failed[0]?.itemIdentifier,
    retried: failed.length,
    ...(error !== undefined && { error: describeError(error) }),
  });
  return { batchItemFailures: failed };
}

function skip(record: StreamRecord, error: unknown, log: Logger): void {
  const context = { sequenceNumber: sequenceNumber(record), error: describeError(error) };
  if (isExpected(error)) log.info('nothing to do, the record is skipped', context);
  else log.warn('permanent failure, the record is skipped', context);
}

function functionLogger(): Logger {
  return createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
}
