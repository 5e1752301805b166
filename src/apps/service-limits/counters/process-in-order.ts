import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Logger } from '../../../platform/log.ts';

/**
 * Processes stream records one after another. On the first failure it reports that record (by its
 * sequence number) and stops: Lambda then retries from that record, so later records of the same
 * batch are never applied before an earlier one.
 */
export async function processInOrder(records: readonly DynamoDBRecord[], handle: (record: DynamoDBRecord) => Promise<void>, logger: Logger): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      await handle(record);
    } catch (error) {
      const itemIdentifier = record.dynamodb?.SequenceNumber ?? '';
      logger.error('record failed; retrying from it', { sequenceNumber: itemIdentifier, error });
      return { batchItemFailures: [{ itemIdentifier }] };
    }
  }
  return { batchItemFailures: [] };
}
