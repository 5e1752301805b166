import type { DynamoDBRecord } from 'aws-lambda';

export type StreamFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * AWS's on-failure record for a discarded DynamoDB stream batch (the body a Lambda stream mapping
 * or a pipe sends to its on-failure SQS destination). Records are referenced, not copied.
 */
export function streamFailureRecord(args: {
  readonly sourceArn: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly records: readonly DynamoDBRecord[];
  readonly condition: StreamFailureCondition;
  readonly approximateInvokeCount: number;
  readonly functionError?: string;
  readonly now: number;
}): string {
  const first = args.records[0]?.dynamodb;
  const last = args.records[args.records.length - 1]?.dynamodb;
  const seconds = (value: number | undefined) => (value === undefined ? undefined : new Date(value * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
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
    DDBStreamBatchInfo: {
      shardId: args.shardId,
      startSequenceNumber: first?.SequenceNumber,
      endSequenceNumber: last?.SequenceNumber,
      approximateArrivalOfFirstRecord: seconds(first?.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: seconds(last?.ApproximateCreationDateTime),
      batchSize: args.records.length,
      streamArn: args.streamArn,
    },
  });
}

/** Sends the failure record of discarded records to an on-failure queue, if there is one. */
export function sendStreamFailure(
  queues: { sendMessage(queue: string, message: { body: string }): unknown },
  queue: string | undefined,
  args: Parameters<typeof streamFailureRecord>[0],
): void {
  if (queue) queues.sendMessage(queue, { body: streamFailureRecord(args) });
}
