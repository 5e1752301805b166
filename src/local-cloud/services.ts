import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Logger } from '../platform/log.ts';
import type { ActivityFeed } from './activity/index.ts';
import type { TargetDispatcher } from './delivery/index.ts';
import type { EventBridgeService } from './eventbridge/index.ts';
import type { FunctionUrls, HttpGateway } from './gateway/index.ts';
import type { KinesisServer } from './kinesis/index.ts';
import type { FunctionRunner } from './lambda/runner/index.ts';
import type { LogsService } from './logs/index.ts';
import type { S3Service } from './s3/index.ts';
import type { SchedulerService } from './scheduler/index.ts';
import type { SqsService } from './sqs/index.ts';
import type { StateDb } from './state/db.ts';
import type { CheckpointStore, StreamFeeds } from './streams/index.ts';

/** The running emulated services an app is deployed onto. */
export interface CloudServices {
  readonly db: StateDb;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly checkpoints: CheckpointStore;
  /** One read per DynamoDB stream shard for all its pipes and mappings; woken by writes through the main port. */
  readonly streamFeeds: StreamFeeds;
  readonly sqs: SqsService;
  readonly eventBridge: EventBridgeService;
  readonly dispatcher: TargetDispatcher;
  readonly runner: FunctionRunner;
  readonly gateway: HttpGateway;
  /** Lambda function URLs, under `/lambda-url/<urlId>` on the main port. */
  readonly functionUrls: FunctionUrls;
  /** EventBridge Scheduler. */
  readonly scheduler: SchedulerService;
  /** kinesalite, behind the main port. */
  readonly kinesis: KinesisServer;
  readonly s3: S3Service;
  readonly logger: Logger;
  /** CloudWatch Logs: what every function printed, in `/aws/lambda/<name>`. */
  readonly logs: LogsService;
  /** What the services report as events move: stream reads, pipe deliveries, rule matches, sends, invocations, retries, DLQ moves. */
  readonly activity: ActivityFeed;
}

/** Anything started for an app that must be stopped with the cloud. */
export interface Stoppable {
  stop(): Promise<void>;
}
