import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { CorsDef, EventPattern, RetryPolicy, S3EventName, SqsTrigger, StreamSourceParameters } from '../../platform/topology/types.ts';
import type { PipeDefinition } from '../pipes/definition.ts';
import type { TargetConfig } from '../delivery/target.ts';
import type { StackRecord } from './stack-record.ts';

/**
 * What one stack asks of the emulated services, in physical terms (names, ARNs, URLs). An eventloom
 * topology and a CloudFormation template both become a `StackSource`; the deploy modules only know
 * this shape, so both paths share every service.
 */
export interface StackSource {
  /** The stack name: an app's name, or a template's stack name. */
  readonly name: string;
  /** Resources whose identity needs nothing deployed first. */
  storage(): StoragePlan;
  /** Everything else, once storage exists (a table's stream ARN is DynamoDB Local's to choose). */
  compute(storage: DeployedStorage): ComputePlan;
}

export interface StoragePlan {
  readonly tables: readonly TablePlan[];
  /** Created in order: a dead-letter queue before the queues redriving to it. */
  readonly queues: readonly QueuePlan[];
  readonly buses: readonly string[];
  readonly buckets: readonly string[];
  readonly kinesisStreams: readonly KinesisStreamPlan[];
}

export interface TablePlan {
  readonly input: CreateTableCommandInput & { TableName: string };
  readonly timeToLiveAttribute?: string;
}

export interface QueuePlan {
  readonly name: string;
  /** SQS attributes as the API takes them (`VisibilityTimeout`, `RedrivePolicy` JSON …). */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface KinesisStreamPlan {
  readonly name: string;
  readonly shardCount: number;
  readonly retentionHours: number;
  /** `ON_DEMAND`: 4 shards locally whatever `shardCount` says (AWS scales them; kinesalite cannot), with a warning. Default PROVISIONED. */
  readonly mode?: 'PROVISIONED' | 'ON_DEMAND';
}

/** What the storage deploy produced that later references need. */
export interface DeployedStorage {
  /** Table name → its stream ARN (undefined without a stream). */
  readonly tableStreams: ReadonlyMap<string, string | undefined>;
  /** Kinesis stream name → its ARN and retention. */
  readonly kinesisStreams: ReadonlyMap<string, { readonly streamArn: string; readonly retentionHours: number }>;
}

export interface ComputePlan {
  readonly functions: readonly FunctionPlan[];
  readonly rules: readonly RulePlan[];
  readonly eventSources: readonly EventSourcePlan[];
  readonly pipes: readonly PipePlan[];
  readonly httpApis: readonly HttpApiPlan[];
  readonly bucketNotifications: readonly BucketNotificationPlan[];
  /** EventBridge Scheduler groups the stack declares (`default` always exists). */
  readonly scheduleGroups: readonly string[];
  readonly schedules: readonly SchedulePlan[];
  readonly functionUrls: readonly FunctionUrlPlan[];
  /** Lines for the env file (API base URLs, table names, a template's outputs). */
  readonly env: Readonly<Record<string, string>>;
  /** The stack as the CloudFormation API reports it (resources, outputs, parameters). */
  readonly record?: Pick<StackRecord, 'resources' | 'outputs' | 'parameters' | 'description'>;
}

export interface FunctionPlan {
  readonly name: string;
  /** Absolute path of the handler module and its export. */
  readonly modulePath: string;
  readonly exportName: string;
  /** As declared (`index.handler`, `src/x.ts#handler`), for the Lambda API. */
  readonly handler: string;
  readonly runtime: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly reservedConcurrency?: number;
  /** Extra names the Invoke API accepts. */
  readonly aliases?: readonly string[];
  /** EventInvokeConfig of asynchronous invocations: Lambda's retries after a function error, 0–2 (AWS default 2). */
  readonly maximumAsyncRetryAttempts?: number;
  /** EventInvokeConfig: an event older than this is not invoked again (60–21,600 s, AWS default 21,600). */
  readonly maximumAsyncEventAgeSeconds?: number;
  /** DestinationConfig.OnSuccess: an SQS queue, Lambda function or event bus ARN receiving each success's record. */
  readonly onAsyncSuccessArn?: string;
  /** DestinationConfig.OnFailure: an SQS queue, Lambda function or event bus ARN receiving the record of a given-up event. */
  readonly onAsyncFailureArn?: string;
  /** DeadLetterConfig.TargetArn (SQS): the original event once given up, when there is no OnFailure destination. */
  readonly deadLetterArn?: string;
}

export interface RulePlan {
  readonly name: string;
  readonly busName: string;
  /** At least one of eventPattern and scheduleExpression. */
  readonly eventPattern?: EventPattern;
  /** `rate(…)` or `cron(…)` (UTC; default bus only): the rule fires AWS's `Scheduled Event`. */
  readonly scheduleExpression?: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly targets: readonly TargetConfig[];
}

export type EventSourcePlan =
  | { readonly kind: 'sqs'; readonly functionName: string; readonly queueName: string; readonly parameters: Omit<SqsTrigger, 'type' | 'queue'> }
  | { readonly kind: 'dynamodb'; readonly functionName: string; readonly tableName: string; readonly parameters: StreamSourceParameters; readonly onFailureQueue?: string }
  | { readonly kind: 'kinesis'; readonly functionName: string; readonly streamName: string; readonly parameters: StreamSourceParameters; readonly onFailureQueue?: string };

/**
 * A pipe in physical names: `{ name, source, sourceParameters, filters, enrichment?, target,
 * inputTemplate?, deadLetterQueue? }`, each part documented (with AWS's defaults) in
 * pipes/definition.ts. The source's stream ARN is looked up from the deployed storage.
 */
export type PipePlan = PipeDefinition;

export type { PipeEnrichmentDefinition, PipeSourceDefinition, PipeSourceParameters, PipeTargetDefinition } from '../pipes/definition.ts';

export interface HttpApiPlan {
  readonly id: string;
  readonly routes: readonly { readonly routeKey: string; readonly functionName: string; readonly payloadFormatVersion?: '1.0' | '2.0' }[];
  readonly cors?: CorsDef;
  /** Named stages: a request path may start with one. */
  readonly stages?: readonly string[];
}

export interface BucketNotificationPlan {
  readonly bucket: string;
  readonly functionName: string;
  readonly configurationId: string;
  readonly events: readonly S3EventName[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/** An EventBridge Scheduler schedule (AWS::Scheduler::Schedule). */
export interface SchedulePlan {
  readonly name: string;
  /** Default `default`. */
  readonly groupName?: string;
  /** `at(yyyy-mm-ddThh:mm:ss)`, `rate(…)` or `cron(…)`. */
  readonly expression: string;
  /** IANA time zone of the expression; default UTC. */
  readonly timezone?: string;
  /** ISO 8601. */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly description?: string;
  readonly enabled: boolean;
  /** FlexibleTimeWindow FLEXIBLE's MaximumWindowInMinutes (locally the schedule fires at the window's start); undefined is OFF. */
  readonly flexibleWindowMinutes?: number;
  /** Default NONE. */
  readonly actionAfterCompletion?: 'NONE' | 'DELETE';
  readonly target: ScheduleTargetPlan;
}

export interface ScheduleTargetPlan {
  /** A Lambda function (invoked asynchronously), an SQS queue or an event bus ARN. */
  readonly arn: string;
  /** Kept for the API; IAM is not evaluated locally. */
  readonly roleArn?: string;
  readonly input?: string;
  readonly retryPolicy?: RetryPolicy;
  /** SQS queue ARN. */
  readonly deadLetterArn?: string;
  /** Required for an event bus target. */
  readonly eventBridgeParameters?: { readonly detailType: string; readonly source: string };
}

/** A Lambda function URL (AWS::Lambda::Url), served at `<cloud url>/lambda-url/<urlId>/`. */
export interface FunctionUrlPlan {
  readonly functionName: string;
  /** AWS's shape: 32 lower-case letters and digits. */
  readonly urlId: string;
  /** AWS_IAM requests are accepted without evaluating them (IAM is not emulated). */
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly cors?: CorsDef;
}
