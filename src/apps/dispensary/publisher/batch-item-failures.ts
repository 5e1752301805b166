import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import type { DynamoDBBatchItemFailure } from 'aws-lambda';

/**
 * What the publisher gives back to Lambda after a PutRecords: the stream record (by its
 * SequenceNumber) of the first entry Kinesis did not accept, or nothing when all were put.
 * `streamSequenceNumbers[i]` is the record sent as entry `i`; an entry without a result, or
 * without a Kinesis sequence number, counts as not accepted.
 *
 * Only the first is reported: Lambda checkpoints at the lowest reported record and redelivers it
 * and every record after it, of every aggregate, in stream order, so reporting more would change
 * nothing. That includes later records of the same aggregate that Kinesis accepted: they are not
 * reported, yet they come back and are put again after the failed one, which keeps the aggregate's
 * order in Kinesis from the retry on. Their first copy already overtook the failed record and
 * cannot be taken back; the views projector is built for that (it fills a gap from the event log
 * and skips duplicates, decision 4).
 */
export function batchItemFailures(streamSequenceNumbers: readonly string[], results: readonly PutRecordsResultEntry[]): DynamoDBBatchItemFailure[] {
  const first = streamSequenceNumbers.findIndex((_, i) => !isAccepted(results[i]));
  return first === -1 ? [] : [{ itemIdentifier: streamSequenceNumbers[first]! }];
}

const isAccepted = (result: PutRecordsResultEntry | undefined): boolean => result !== undefined && !result.ErrorCode && result.SequenceNumber !== undefined;
