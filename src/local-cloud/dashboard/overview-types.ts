import type { FaultSettings } from '../lambda/runner/index.ts';

/** `GET /_eventloom/api/overview` and the page's live `overview` event: every resource with its live counters. */
export interface Overview {
  /** ms since epoch. */
  readonly at: number;
  /** Deployed stacks in deploy order; a resource's `stack` names one (undefined: created through an API). */
  readonly stacks: readonly { readonly name: string; readonly kind: 'app' | 'template' }[];
  readonly functions: readonly FunctionView[];
  readonly queues: readonly QueueView[];
  readonly tables: readonly TableView[];
  readonly rules: readonly RuleView[];
  readonly pipes: readonly PipeView[];
  readonly eventSourceMappings: readonly MappingView[];
  readonly buckets: readonly { readonly name: string; readonly stack?: string; readonly objects: number }[];
  readonly kinesisStreams: readonly { readonly name: string; readonly stack?: string; readonly lastReadAt?: number; readonly lastSequenceNumber?: string }[];
  readonly buses: readonly { readonly name: string; readonly stack?: string }[];
  /** Functions with fault injection on. */
  readonly faults: Readonly<Record<string, FaultSettings>>;
}

export interface FunctionView {
  readonly name: string;
  readonly stack?: string;
  readonly invocations: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly throttles: number;
  /** Invocations running now, and how many may run at once. */
  readonly running: number;
  readonly concurrency: number;
  readonly warmWorkers: number;
  /** ms, over the last 500 invocations. */
  readonly p50?: number;
  readonly p95?: number;
  readonly fault?: FaultSettings;
}

export interface QueueView {
  readonly name: string;
  readonly stack?: string;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** The queue's RedrivePolicy target, and its depth. */
  readonly deadLetterQueue?: string;
  readonly deadLetterDepth?: number;
  /** Queues whose dead-letter queue this one is (empty: not a DLQ). */
  readonly deadLetterSources: readonly string[];
  /** The latest message move task out of this queue. */
  readonly redrive?: { readonly status: string; readonly moved: number; readonly toMove: number; readonly failureReason?: string };
}

export interface TableView {
  readonly name: string;
  readonly stack?: string;
  /** DynamoDB's ItemCount; undefined until first read. */
  readonly items?: number;
  readonly streamArn?: string;
  /** When a consumer last read a record of the stream, and that record's sequence number. */
  readonly lastReadAt?: number;
  readonly lastSequenceNumber?: string;
  /** Pipes and event source mappings reading the stream, with their checkpoint (the highest shard's). */
  readonly consumers: readonly { readonly name: string; readonly checkpoint?: string }[];
}

export interface RuleView {
  readonly name: string;
  readonly bus: string;
  readonly stack?: string;
  readonly state: string;
  /** Events matched since the cloud started. */
  readonly matches: number;
  readonly targets: readonly string[];
  readonly scheduleExpression?: string;
}

export interface PipeView {
  readonly name: string;
  readonly stack: string;
  readonly source?: string;
  readonly target?: string;
  readonly delivered: number;
  readonly filteredOut: number;
}

export interface MappingView {
  readonly uuid: string;
  readonly stack: string;
  readonly functionName: string;
  /** The source as a participant (`queue:…`, `table:…`, `kinesis:…`). */
  readonly source: string;
  readonly kind: 'sqs' | 'dynamodb' | 'kinesis';
  readonly state: 'Enabled' | 'Disabled';
  readonly batchSize: number;
  readonly batches: number;
  readonly records: number;
  readonly failedBatches: number;
  readonly filteredOut: number;
}
