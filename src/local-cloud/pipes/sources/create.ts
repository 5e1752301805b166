import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../../platform/log.ts';
import type { ActivityFeed } from '../../activity/index.ts';
import type { QueueSender } from '../../delivery/ports.ts';
import { dynamoDbRecordInfo } from '../../delivery/stream-record-info.ts';
import { arn } from '../../identity.ts';
import type { SqsService } from '../../sqs/index.ts';
import type { CheckpointStore, DynamoDBStreamRecord, StreamFeeds } from '../../streams/index.ts';
import type { PipeCore } from '../core.ts';
import type { PipeDefinition } from '../definition.ts';
import { PipeDefinitionError } from '../errors.ts';
import { kinesisPipeEventInfo } from '../events.ts';
import { dynamoDbSource } from './dynamodb.ts';
import { kinesisSource } from './kinesis.ts';
import type { PipeSource } from './source.ts';
import { SqsSource } from './sqs.ts';
import { StreamDelivery } from './stream-delivery.ts';

export interface SourceContext {
  readonly pipeArn: string;
  /** The source stream's ARN (DynamoDB, Kinesis). */
  readonly streamArn?: string;
  /** A Kinesis stream's retention; default 24. */
  readonly retentionHours?: number;
  readonly streams: DynamoDBStreamsClient;
  readonly checkpoints: CheckpointStore;
  readonly streamFeeds?: StreamFeeds | undefined;
  /** The dead-letter queue's sender. */
  readonly queues: QueueSender;
  readonly sqs?: Pick<SqsService, 'receiveMessages' | 'deleteMessage' | 'queueArn'>;
  readonly kinesis?: KinesisClient;
  readonly logger: Logger;
  readonly now: () => number;
  readonly retryBaseDelayMs?: number;
  readonly activity?: ActivityFeed | undefined;
}

/** The ARN `<aws.pipes.source-arn>` names. */
export function sourceArnOf(pipe: PipeDefinition, streamArn: string | undefined): string {
  const { source } = pipe;
  if (source.kind === 'sqs') return arn('sqs', source.queueName);
  if (streamArn === undefined) throw new PipeDefinitionError(pipe.name, `its ${source.kind} source has no stream ARN.`);
  return streamArn;
}

/** The reader for a pipe's source, handing batches to `core`. */
export function createSource(pipe: PipeDefinition, core: PipeCore, ctx: SourceContext): PipeSource {
  const { source, sourceParameters: parameters } = pipe;
  const missing = (service: string) => new PipeDefinitionError(pipe.name, `a ${source.kind} source needs ${service}, which this cloud did not provide.`);
  const streamArn = sourceArnOf(pipe, ctx.streamArn);
  const delivery = {
    core,
    pipeName: pipe.name,
    pipeArn: ctx.pipeArn,
    streamArn,
    parameters,
    ...(pipe.deadLetterQueue !== undefined && { deadLetterQueue: pipe.deadLetterQueue }),
    queues: ctx.queues,
    logger: ctx.logger,
    now: ctx.now,
    ...(ctx.retryBaseDelayMs !== undefined && { retryBaseDelayMs: ctx.retryBaseDelayMs }),
    activity: ctx.activity,
  };
  switch (source.kind) {
    case 'dynamodb':
      return dynamoDbSource({
        // The consumer id topology pipes have always checkpointed under.
        consumerId: `pipe:${pipe.name}`,
        streamArn,
        client: ctx.streams,
        ...(ctx.streamFeeds && { feeds: ctx.streamFeeds }),
        checkpoints: ctx.checkpoints,
        parameters,
        delivery: new StreamDelivery<DynamoDBStreamRecord>({ ...delivery, streamKind: 'dynamodb', records: dynamoDbRecordInfo }),
        logger: ctx.logger,
      });
    case 'kinesis':
      if (!ctx.kinesis) throw missing('a Kinesis client');
      return kinesisSource({
        consumerId: `pipe:${pipe.name}:${streamArn}`,
        streamName: source.streamName,
        streamArn,
        roleArn: arn('iam', `role/${pipe.name}-role`, ''),
        client: ctx.kinesis,
        checkpoints: ctx.checkpoints,
        parameters,
        delivery: new StreamDelivery({ ...delivery, streamKind: 'kinesis', records: kinesisPipeEventInfo, retentionSeconds: (ctx.retentionHours ?? 24) * 3_600 }),
        logger: ctx.logger,
      });
    case 'sqs':
      if (!ctx.sqs) throw missing('the SQS service');
      return new SqsSource({ queueName: source.queueName, sqs: ctx.sqs, parameters, core, logger: ctx.logger });
  }
}
