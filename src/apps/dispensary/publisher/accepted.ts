import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';

/**
 * How many entries of a PutRecords, from the first, Kinesis accepted: the stream record after them
 * is where Lambda retries from (`streamBatchWorker` reports it with every later record). An entry
 * without a result, or without a Kinesis sequence number, counts as not accepted.
 *
 * Later records of the same aggregate that Kinesis did accept come back with the retry and are put
 * again after the failed one, which keeps the aggregate's order in Kinesis from the retry on. Their
 * first copy already overtook the failed record and cannot be taken back; the views projector is
 * built for that (it fills a gap from the event log and skips duplicates, decision 4).
 */
export function acceptedCount(sent: number, results: readonly PutRecordsResultEntry[]): number {
  const first = Array.from({ length: sent }, (_, i) => results[i]).findIndex((result) => !isAccepted(result));
  return first === -1 ? sent : first;
}

const isAccepted = (result: PutRecordsResultEntry | undefined): boolean => result !== undefined && !result.ErrorCode && result.SequenceNumber !== undefined;
