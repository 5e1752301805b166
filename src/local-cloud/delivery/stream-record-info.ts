import type { DynamoDBRecord } from 'aws-lambda';

/** How stream delivery reads a record of one kind of stream (DynamoDB Streams, Kinesis). */
export interface StreamRecordInfo<R> {
  sequenceNumber(record: R): string;
  /** When the record entered the stream, epoch seconds (may be fractional). */
  arrivalSeconds(record: R): number | undefined;
}

export const dynamoDbRecordInfo: StreamRecordInfo<DynamoDBRecord> = {
  sequenceNumber: (record) => record.dynamodb?.SequenceNumber ?? '',
  arrivalSeconds: (record) => record.dynamodb?.ApproximateCreationDateTime,
};
