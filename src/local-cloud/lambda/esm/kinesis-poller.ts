import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { StreamSourceParameters } from '../../../platform/topology/types.ts';
import { arn, localRegion } from '../../identity.ts';
import { KinesisStreamReader } from '../../kinesis/reader.ts';
import { KINESIS_RECORDS, toLambdaRecord } from '../../kinesis/records.ts';
import type { CheckpointStore } from '../../streams/index.ts';
import { MappedStreamSource, mappingReaderSettings, StreamMapping, type StreamMappingTarget } from './stream-mapping.ts';

export interface KinesisEventSourceOptions extends StreamMappingTarget {
  trigger: StreamSourceParameters;
  streamName: string;
  /** The stream's retention: with MaximumRecordAgeInSeconds −1, retries stop when a record expires. */
  retentionHours?: number;
  kinesis: KinesisClient;
  checkpoints: CheckpointStore;
}

/**
 * A Kinesis event source mapping: a poller per shard (parents before children), one batch per
 * shard at a time, split into ParallelizationFactor lanes by partition key; records in AWS's
 * Lambda shape; retries, bisect, ReportBatchItemFailures, maximum record age and the on-failure SQS
 * destination as for DynamoDB streams (the shared `StreamMapping`).
 */
export class KinesisEventSource extends MappedStreamSource<KinesisStreamRecord> {
  constructor(options: KinesisEventSourceOptions) {
    const mapping = new StreamMapping<KinesisStreamRecord>({ ...options, records: KINESIS_RECORDS, retentionSeconds: (options.retentionHours ?? 24) * 3_600 });
    const context = { streamArn: options.streamArn, region: localRegion(), roleArn: arn('iam', `role/${options.functionName}-role`, '') };
    const reader = new KinesisStreamReader({
      ...mappingReaderSettings(options),
      streamName: options.streamName,
      client: options.kinesis,
      onBatch: ({ shardId, records, checkpoint }) =>
        mapping.deliver(shardId, records.map((record) => toLambdaRecord(record, { ...context, shardId })), checkpoint),
    });
    super(mapping, reader, options.trigger.enabled !== false);
  }
}
