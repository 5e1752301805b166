import type { DynamoDBRecord } from 'aws-lambda';
import { dynamoDbRecordInfo, type StreamRecordInfo } from './stream-record-info.ts';

export type StreamFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface StreamFailureArgs<R = DynamoDBRecord> {
  readonly sourceArn: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly records: readonly R[];
  readonly condition: StreamFailureCondition;
  readonly approximateInvokeCount: number;
  readonly functionError?: string;
  readonly now: number;
  /** `kinesis`: a `KinesisBatchInfo` with millisecond arrival times; default a DynamoDB stream's `DDBStreamBatchInfo`. */
  readonly streamKind?: 'dynamodb' | 'kinesis';
  /** Default: DynamoDB stream records. */
  readonly recordInfo?: StreamRecordInfo<R>;
}

/**
 * AWS's on-failure record for a discarded stream batch (the body a Lambda stream mapping or a pipe
 * sends to its on-failure SQS destination). Records are referenced, not copied.
 */
export function streamFailureRecord<R = DynamoDBRecord>(args: StreamFailureArgs<R>): string {
  const info = args.recordInfo ?? (dynamoDbRecordInfo as unknown as StreamRecordInfo<R>);
  const kinesis = args.streamKind === 'kinesis';
  const first = args.records[0];
  const last = args.records[args.records.length - 1];
  const iso = (value: number | undefined) => {
    if (value === undefined) return undefined;
    const text = new Date(value * 1000).toISOString();
    return kinesis ? text : text.replace(/\.\d{3}Z$/, 'Z');
  };
  const arrival = (record: R | undefined) => iso(record === undefined ? undefined : info.arrivalSeconds(record));
  const sequence = (record: R | undefined) => (record === undefined ? undefined : info.sequenceNumber(record));
  return JSON.stringify({
    requestContext: {
      requestId: crypto.randomUUID(),
      functionArn: args.sourceArn,
      condition: args.condition,
      approximateInvokeCount: args.approximateInvokeCount,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: args.functionError ?? 'Unhandled' },
    version: '1.0',
    timestamp: new Date(args.now).toISOString(),
    [kinesis ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo']: {
      shardId: args.shardId,
      startSequenceNumber: sequence(first),
      endSequenceNumber: sequence(last),
      approximateArrivalOfFirstRecord: arrival(first),
      approximateArrivalOfLastRecord: arrival(last),
      batchSize: args.records.length,
      streamArn: args.streamArn,
    },
  });
}

/** Sends the failure record of discarded records to an on-failure queue, if there is one. */
export function sendStreamFailure<R = DynamoDBRecord>(
  queues: { sendMessage(queue: string, message: { body: string }): unknown },
  queue: string | undefined,
  args: StreamFailureArgs<R>,
): void {
  if (queue) queues.sendMessage(queue, { body: streamFailureRecord(args) });
}
