import type { _Record } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { MappedRecordKind } from '../lambda/esm/stream-mapping.ts';

export interface KinesisRecordContext {
  shardId: string;
  streamArn: string;
  region: string;
  /** The function's execution role (`invokeIdentityArn`). */
  roleArn: string;
}

/** A Kinesis record exactly as Lambda delivers it: data base64, arrival in fractional epoch seconds. */
export function toLambdaRecord(record: _Record, context: KinesisRecordContext): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber!;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey!,
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? Date.now()) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${context.shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: context.roleArn,
    awsRegion: context.region,
    eventSourceARN: context.streamArn,
  };
}

/**
 * Filter criteria see the record's `kinesis` fields with `data` decoded as JSON when it is JSON
 * (AWS filters Kinesis records on `data` only; other data stays base64 and matches no data pattern).
 */
function filterView(record: KinesisStreamRecord): unknown {
  const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
  let data: unknown = record.kinesis.data;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: patterns on `data` fields do not match.
  }
  return { ...record.kinesis, data };
}

export const KINESIS_RECORDS: MappedRecordKind<KinesisStreamRecord> = {
  kind: 'kinesis',
  sequenceNumber: (record) => record.kinesis.sequenceNumber,
  arrivalSeconds: (record) => record.kinesis.approximateArrivalTimestamp,
  laneKey: (record) => record.kinesis.partitionKey,
  filterView,
};
