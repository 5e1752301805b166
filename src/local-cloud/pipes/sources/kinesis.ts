import { readerBatching } from '../../streams/batching.ts';
import { PIPE_STREAM_BATCH_SIZE } from '../definition.ts';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../../platform/log.ts';
import { localRegion } from '../../identity.ts';
import { KinesisStreamReader } from '../../kinesis/reader.ts';
import type { CheckpointStore } from '../../streams/index.ts';
import type { PipeSourceParameters } from '../definition.ts';
import { toKinesisPipeEvent, type KinesisPipeEvent } from '../events.ts';
import type { PipeSource } from './source.ts';
import type { StreamDelivery } from './stream-delivery.ts';

export interface KinesisSourceOptions {
  /** Names the pipe's checkpoints. */
  readonly consumerId: string;
  readonly streamName: string;
  readonly streamArn: string;
  /** The pipe's execution role (`invokeIdentityArn`). */
  readonly roleArn: string;
  readonly client: KinesisClient;
  readonly checkpoints: CheckpointStore;
  readonly parameters: PipeSourceParameters;
  readonly delivery: StreamDelivery<KinesisPipeEvent>;
  readonly logger: Logger;
}

/** A Kinesis stream: its records in the Pipes shape (`data` base64), shard by shard in order, parents before children. */
export function kinesisSource(options: KinesisSourceOptions): PipeSource {
  const { parameters, delivery, streamArn, roleArn } = options;
  const region = localRegion();
  const reader = new KinesisStreamReader({
    consumerId: options.consumerId,
    streamName: options.streamName,
    client: options.client,
    checkpoints: options.checkpoints,
    ...readerBatching(parameters, PIPE_STREAM_BATCH_SIZE),
    onBatch: ({ shardId, records, checkpoint }) =>
      delivery.deliver(shardId, records.map((record) => toKinesisPipeEvent(record, { shardId, streamArn, region, roleArn })), checkpoint),
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
