/**
 * The topology declaration: plain data describing an app's AWS resources.
 * The local cloud runs it; the CDK synthesizer (src/aws) turns the same objects into CloudFormation.
 * Names are logical (unique within the app); physical names are derived by the runtime.
 */

export type AttributeType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

export interface GlobalSecondaryIndex {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Default `ALL`. */
  readonly projection?: 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] };
}

export interface TableDef {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: readonly GlobalSecondaryIndex[];
  /** Enables the table's stream with this view type. */
  readonly stream?: StreamViewType;
  /** Attribute holding an epoch-seconds expiry; enables TTL. */
  readonly timeToLiveAttribute?: string;
  /** Default true on AWS (point-in-time recovery); informational locally. */
  readonly pointInTimeRecovery?: boolean;
  /** Resource tags on AWS (e.g. `{ Environment: 'example' }`); informational locally. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Name of the `.env` variable receiving the table's physical name, e.g. `DYNAMODB_TABLE_NAME`. */
  readonly nameEnv?: string;
}

export interface BucketDef {
  /** Object versioning on AWS (default false); the local store keeps the latest version of each key. */
  readonly versioned?: boolean;
  /** Keep the bucket when the stack is deleted, in every stage (default: only outside `dev`). */
  readonly retain?: boolean;
}

/** The S3 actions a function may be granted on a bucket (object actions on `bucket/*`, ListBucket on the bucket). */
export const BUCKET_ACTIONS = ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket'] as const;
export type BucketAction = (typeof BUCKET_ACTIONS)[number];

export interface KinesisStreamDef {
  /** Provisioned shards, 1–500 (default 1). */
  readonly shardCount?: number;
  /** 24–8,760, default 24. */
  readonly retentionHours?: number;
}

export const STARTING_POSITIONS = ['TRIM_HORIZON', 'LATEST'] as const;
export type StartingPosition = (typeof STARTING_POSITIONS)[number];

/** An EventBridge event pattern, as an object (validated at load time). */
export type EventPattern = Readonly<Record<string, unknown>>;

export interface PipeDef {
  /** Logical name of the table whose stream feeds the pipe. */
  readonly sourceTable: string;
  readonly source?: {
    /** 1–10, what one PutEvents to the target bus takes. Unset: AWS's default, and 100 locally (sent 10 at a time). */
    readonly batchSize?: number;
    /** 0–300, default 0. */
    readonly maximumBatchingWindowInSeconds?: number;
    /** Default `LATEST`. */
    readonly startingPosition?: StartingPosition;
    /** −1 (until the record leaves the stream, 24 h) … 10,000, default −1. */
    readonly maximumRetryAttempts?: number;
    /** −1 (until the record leaves the stream) or 60 … 604,800, default −1. */
    readonly maximumRecordAgeInSeconds?: number;
    /** Halve a failing batch until the failing record is alone, so only it is retried and dead-lettered. */
    readonly onPartialBatchItemFailure?: 'AUTOMATIC_BISECT';
    /** Logical name of a queue receiving AWS's failure record (shard, sequence numbers) of records the pipe gave up on. */
    readonly deadLetterQueue?: string;
  };
  /** Up to 5 patterns; a record passes when it matches any. */
  readonly filters?: readonly EventPattern[];
  readonly target: {
    /** Logical name of the bus. */
    readonly bus: string;
    /** Default `Pipe <name>`. */
    readonly source?: string;
    /** Default `Event from aws:dynamodb`. */
    readonly detailType?: string;
  };
}

export interface BusDef {
  readonly description?: string;
}

export interface RetryPolicy {
  /** 0–185, default 185. */
  readonly maximumRetryAttempts?: number;
  /** 60–86,400, default 86,400. */
  readonly maximumEventAgeInSeconds?: number;
}

export interface InputTransformer {
  readonly inputPathsMap?: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

interface RuleTargetBase {
  /** Target id, unique within the rule; defaults to the target's resource name. */
  readonly id?: string;
  readonly retryPolicy?: RetryPolicy;
  /** Logical name of a queue receiving events that exhausted the retry policy. */
  readonly deadLetterQueue?: string;
  /** At most one of input, inputPath, inputTransformer. */
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
}
export interface QueueTarget extends RuleTargetBase {
  readonly queue: string;
}
export interface FunctionTarget extends RuleTargetBase {
  readonly function: string;
}
export type RuleTarget = QueueTarget | FunctionTarget;

export interface RuleDef {
  /** Logical name of the bus, default the app's only bus. */
  readonly bus: string;
  readonly description?: string;
  readonly eventPattern: EventPattern;
  /** Default true. */
  readonly enabled?: boolean;
  /** 1–5 targets. */
  readonly targets: readonly RuleTarget[];
}

export interface QueueDef {
  /** 0–43,200, default 30. */
  readonly visibilityTimeoutSeconds?: number;
  /** 60–1,209,600, default 345,600. */
  readonly messageRetentionSeconds?: number;
  /** 0–900, default 0. */
  readonly delaySeconds?: number;
  /** 0–20, default 0. */
  readonly receiveMessageWaitTimeSeconds?: number;
  /** 1,024–1,048,576, default 1,048,576. */
  readonly maximumMessageSizeBytes?: number;
  readonly deadLetterQueue?: {
    /** Logical name of the DLQ. */
    readonly queue: string;
    /** 1–1,000. */
    readonly maxReceiveCount: number;
  };
}

export interface FilterCriteria {
  /** Up to 5 patterns (AWS allows more on request); a record passes when it matches any. */
  readonly patterns: readonly EventPattern[];
}

export interface SqsTrigger {
  readonly type: 'sqs';
  readonly queue: string;
  /** 1–10,000, default 10; above 10 needs a batching window ≥ 1 s. */
  readonly batchSize?: number;
  /** 0–300, default 0. */
  readonly maximumBatchingWindowInSeconds?: number;
  /** 2–1,000 (ScalingConfig.MaximumConcurrency). */
  readonly maximumConcurrency?: number;
  readonly filterCriteria?: FilterCriteria;
  readonly reportBatchItemFailures?: boolean;
  /** Default true. */
  readonly enabled?: boolean;
}

/** Parameters shared by the two ordered-stream mappings (DynamoDB Streams and Kinesis). */
export interface StreamSourceParameters {
  readonly startingPosition: StartingPosition;
  /** 1–10,000, default 100. */
  readonly batchSize?: number;
  /** 0–300, default 0. */
  readonly maximumBatchingWindowInSeconds?: number;
  /** −1 (until the record expires) … 10,000, default −1. */
  readonly maximumRetryAttempts?: number;
  /** −1 or 60 … 604,800, default −1. */
  readonly maximumRecordAgeInSeconds?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  /** 1–10, default 1. */
  readonly parallelizationFactor?: number;
  readonly filterCriteria?: FilterCriteria;
  readonly reportBatchItemFailures?: boolean;
  /** Logical name of a queue receiving AWS's failure record for discarded batches. */
  readonly onFailureQueue?: string;
  /** Default true. */
  readonly enabled?: boolean;
}

export interface StreamTrigger extends StreamSourceParameters {
  readonly type: 'dynamodb-stream';
  /** Logical name of the table (its stream must be enabled). */
  readonly table: string;
}

export interface KinesisTrigger extends StreamSourceParameters {
  readonly type: 'kinesis';
  /** Logical name of the Kinesis stream. */
  readonly stream: string;
}

export const S3_EVENT_NAMES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
] as const;
export type S3EventName = (typeof S3_EVENT_NAMES)[number];

/** A bucket notification invoking the function asynchronously (one prefix and one suffix, as S3 allows). */
export interface S3Trigger {
  readonly type: 's3';
  /** Logical name of the bucket. */
  readonly bucket: string;
  /** Default `['s3:ObjectCreated:*']`. */
  readonly events?: readonly S3EventName[];
  /** Key prefix filter, e.g. `prescriptions/`. */
  readonly prefix?: string;
  /** Key suffix filter, e.g. `.jpg`. */
  readonly suffix?: string;
}

export type Trigger = SqsTrigger | StreamTrigger | KinesisTrigger | S3Trigger;

/** A reference to another resource's physical identity, resolved by the runtime (local or CDK). */
export interface ResourceRef {
  readonly ref: 'tableName' | 'tableStreamArn' | 'queueUrl' | 'queueArn' | 'busName' | 'busArn' | 'bucketName' | 'kinesisStreamName' | 'kinesisStreamArn';
  /** Logical name within the app. */
  readonly name: string;
}
export type EnvValue = string | ResourceRef;

/** The DynamoDB item actions a function may be granted on a table (a transaction needs those of its items). */
export const DYNAMODB_ACTIONS = ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'] as const;
export type DynamoDbAction = (typeof DYNAMODB_ACTIONS)[number];

export interface FunctionDef {
  /**
   * Handler module and export, relative to the project root, e.g.
   * `src/apps/ecommerce/orders/placeOrder/handler.ts#handler` (export defaults to `handler`).
   */
  readonly handler: string;
  readonly environment?: Readonly<Record<string, EnvValue>>;
  /**
   * Exactly the item actions the function uses, by logical table name; on AWS they are granted on the
   * table and, for Query/Scan, on each of its declared GSIs. Required for every table the environment
   * references (nothing gets table access implicitly). Not enforced by the local cloud.
   *
   * @example tableAccess: { store: ['GetItem', 'PutItem', 'UpdateItem'] }
   */
  readonly tableAccess?: Readonly<Record<string, readonly DynamoDbAction[]>>;
  /**
   * Exactly the S3 actions the function uses, by logical bucket name (required for every bucket the
   * environment references, like tableAccess). Presigning a URL needs the action the URL performs.
   *
   * @example bucketAccess: { storage: ['GetObject', 'PutObject'] }
   */
  readonly bucketAccess?: Readonly<Record<string, readonly BucketAction[]>>;
  /** 1–900, default 3 (AWS's default). */
  readonly timeoutSeconds?: number;
  /** 128–10,240, default 128; informational locally. */
  readonly memoryMb?: number;
  /** Reserved concurrency; unset = unreserved (the local cloud caps it at its own pool size). */
  readonly reservedConcurrency?: number;
  /**
   * Logical name of a queue where asynchronous invocations (S3 notifications, Invoke `Event`, rule
   * targets) that exhausted Lambda's retries go, as an EventInvokeConfig `OnFailure` destination
   * (AWS's destination record: request payload, error response, invoke count).
   */
  readonly onAsyncFailureQueue?: string;
  /** Lambda's retries of a failed asynchronous invocation, 0–2, default 2. */
  readonly maximumAsyncRetryAttempts?: number;
  readonly triggers?: readonly Trigger[];
  /**
   * Extra names the local Invoke endpoint accepts for this function (the same function, not a copy),
   * e.g. the name a document or a client collection calls it by. Local only: the CDK ignores them.
   *
   * @example localAliases: ['dispensary-local-api']
   */
  readonly localAliases?: readonly string[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface CorsDef {
  readonly allowOrigins?: readonly string[];
  readonly allowMethods?: readonly string[];
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly allowCredentials?: boolean;
  readonly maxAgeSeconds?: number;
}

export interface RouteDef {
  /** `METHOD /path/{param}`, `METHOD /path/{proxy+}`, `ANY /x` or `$default`. */
  readonly route: string;
  /** Logical function name. */
  readonly function: string;
}

export interface HttpApiDef {
  readonly routes: readonly RouteDef[];
  readonly cors?: CorsDef;
  /** Name of the `.env` variable receiving the base URL, e.g. `ORDERS_API_BASE_URL`. */
  readonly baseUrlEnv?: string;
  /** A testing/chaos API: served locally; on AWS deployed only with `--enable-testing-api`, behind IAM authorization. */
  readonly devOnly?: boolean;
}

export interface AppDef {
  readonly name: string;
  readonly tables?: Readonly<Record<string, TableDef>>;
  readonly buses?: Readonly<Record<string, BusDef>>;
  readonly pipes?: Readonly<Record<string, PipeDef>>;
  readonly rules?: Readonly<Record<string, RuleDef>>;
  readonly queues?: Readonly<Record<string, QueueDef>>;
  readonly buckets?: Readonly<Record<string, BucketDef>>;
  readonly kinesisStreams?: Readonly<Record<string, KinesisStreamDef>>;
  readonly functions?: Readonly<Record<string, FunctionDef>>;
  readonly httpApis?: Readonly<Record<string, HttpApiDef>>;
}
