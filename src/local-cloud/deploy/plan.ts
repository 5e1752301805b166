import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { CorsDef, EventPattern, S3EventName, SqsTrigger, StreamSourceParameters } from '../../platform/topology/types.ts';
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
  /** EventInvokeConfig: Lambda's retries (0–2) and the on-failure destination of asynchronous invocations. */
  readonly maximumAsyncRetryAttempts?: number;
  readonly onAsyncFailureArn?: string;
  /** DeadLetterConfig: the SQS queue receiving an asynchronous event that exhausted its retries. */
  readonly deadLetterArn?: string;
}

export interface RulePlan {
  readonly name: string;
  readonly busName: string;
  readonly eventPattern: EventPattern;
  /** `rate(…)` or `cron(…)`: a scheduled rule (on the default bus). */
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
  readonly routes: readonly { readonly routeKey: string; readonly functionName: string }[];
  readonly cors?: CorsDef;
}

export interface BucketNotificationPlan {
  readonly bucket: string;
  readonly functionName: string;
  readonly configurationId: string;
  readonly events: readonly S3EventName[];
  readonly prefix?: string;
  readonly suffix?: string;
}
