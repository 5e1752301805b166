import { readerBatching } from '../../streams/batching.ts';
import { PIPE_STREAM_BATCH_SIZE } from '../definition.ts';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../../../platform/log.ts';
import { StreamReader, type CheckpointStore, type DynamoDBStreamRecord, type StreamFeeds } from '../../streams/index.ts';
import type { PipeSourceParameters } from '../definition.ts';
import type { PipeSource } from './source.ts';
import type { StreamDelivery } from './stream-delivery.ts';

export interface DynamoDbSourceOptions {
  /** Names the pipe's checkpoints. */
  readonly consumerId: string;
  readonly streamArn: string;
  readonly client: DynamoDBStreamsClient;
  readonly feeds?: StreamFeeds;
  readonly checkpoints: CheckpointStore;
  readonly parameters: PipeSourceParameters;
  readonly delivery: StreamDelivery<DynamoDBStreamRecord>;
  readonly logger: Logger;
}

/** A DynamoDB stream: its records, exactly as Lambda gets them, shard by shard in order. */
export function dynamoDbSource(options: DynamoDbSourceOptions): PipeSource {
  const { parameters, delivery } = options;
  const reader = new StreamReader({
    consumerId: options.consumerId,
    streamArn: options.streamArn,
    client: options.client,
    ...(options.feeds && { feeds: options.feeds }),
    checkpoints: options.checkpoints,
    ...readerBatching(parameters, PIPE_STREAM_BATCH_SIZE),
    onBatch: (batch) => delivery.deliver(batch.shardId, batch.records, batch.checkpoint),
    logger: options.logger,
  });
  return {
    start: () => reader.start(),
    stop: async () => {
      delivery.stop();
      await reader.stop();
    },
  };
}
