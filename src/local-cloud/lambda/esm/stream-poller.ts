import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamSourceParameters } from '../../../platform/topology/types.ts';
import { dynamoDbRecordInfo } from '../../delivery/stream-record-info.ts';
import { StreamReader, type CheckpointStore, type StreamBatch, type StreamFeeds } from '../../streams/index.ts';
import { MappedStreamSource, mappingReaderSettings, StreamMapping, type MappedRecordKind, type StreamMappingTarget } from './stream-mapping.ts';

export interface StreamEventSourceOptions extends StreamMappingTarget {
  trigger: StreamSourceParameters;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  /** The cloud's shared stream reads; default none (the mapping reads on its own). */
  feeds?: StreamFeeds;
}

/**
 * A DynamoDB-stream event source mapping: one batch per shard at a time (per-item order), split into
 * ParallelizationFactor lanes by item key; filter criteria drop records (checkpoint advances);
 * ReportBatchItemFailures retries from the lowest failed SequenceNumber; bisect, retries, maximum
 * record age and the on-failure SQS destination as AWS.
 */
export class StreamEventSource extends MappedStreamSource<DynamoDBRecord> {
  constructor(options: StreamEventSourceOptions) {
    const mapping = new StreamMapping<DynamoDBRecord>({ ...options, records: DYNAMODB_RECORDS });
    const reader = new StreamReader({
      ...mappingReaderSettings(options),
      streamArn: options.streamArn,
      client: options.streams,
      ...(options.feeds && { feeds: options.feeds }),
      onBatch: (batch: StreamBatch) => mapping.deliver(batch.shardId, batch.records as unknown as DynamoDBRecord[], batch.checkpoint),
    });
    super(mapping, reader, options.trigger.enabled !== false);
  }
}

const DYNAMODB_RECORDS: MappedRecordKind<DynamoDBRecord> = {
  ...dynamoDbRecordInfo,
  kind: 'dynamodb',
  laneKey: (record) => JSON.stringify(record.dynamodb?.Keys ?? {}),
  filterView: (record) => record,
};
