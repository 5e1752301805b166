import type { EventPattern } from '../../platform/topology/types.ts';

/**
 * An EventBridge Pipe in physical names (`AWS::Pipes::Pipe` after intrinsics, or a topology's pipe):
 * source → filters → optional enrichment → target. Deploy plans carry it as `PipePlan`.
 *
 * @example
 * const pipe: PipeDefinition = {
 *   name: 'orders-to-bus',
 *   source: { kind: 'sqs', queueName: 'orders' },
 *   sourceParameters: { batchSize: 10, maximumBatchingWindowInSeconds: 1 },
 *   filters: [{ body: { type: ['order'] } }],
 *   target: { kind: 'bus', busName: 'shop', detailType: 'OrderReceived' },
 *   inputTemplate: '{"orderId": <$.body.id>, "pipe": <aws.pipes.pipe-name>}',
 * };
 */
export interface PipeDefinition {
  readonly name: string;
  readonly source: PipeSourceDefinition;
  readonly sourceParameters: PipeSourceParameters;
  /** Up to 5 patterns (FilterCriteria); an event passes when it matches any. None: every event passes. */
  readonly filters: readonly EventPattern[];
  readonly enrichment?: PipeEnrichmentDefinition;
  readonly target: PipeTargetDefinition;
  /** TargetParameters.InputTemplate: Pipes' input transformation, applied to each event. */
  readonly inputTemplate?: string;
  /** Physical name of the SQS queue receiving AWS's failure record of stream records a pipe gave up on (DeadLetterConfig). */
  readonly deadLetterQueue?: string;
}

export type PipeSourceDefinition =
  | { readonly kind: 'dynamodb'; readonly tableName: string }
  | { readonly kind: 'kinesis'; readonly streamName: string }
  | { readonly kind: 'sqs'; readonly queueName: string };

export type PipeSourceKind = PipeSourceDefinition['kind'];

/** SourceParameters, flattened across the source kinds (each ignores what does not apply to it). */
export interface PipeSourceParameters {
  /** 1–10,000, at most what the target takes (`TARGET_BATCH_LIMITS`); default 1 for streams, 10 for SQS. */
  readonly batchSize?: number;
  /** 0–300; default 0 (deliver as soon as records are read). */
  readonly maximumBatchingWindowInSeconds?: number;
  /** Streams only; default `LATEST`. */
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Streams only: −1 (until the record expires) … 10,000; default −1. */
  readonly maximumRetryAttempts?: number;
  /** Streams only: −1 (until the record expires) or 60 … 604,800; default −1. */
  readonly maximumRecordAgeInSeconds?: number;
  /** Streams only: halve a failing batch until the failing record is alone. */
  readonly onPartialBatchItemFailure?: 'AUTOMATIC_BISECT';
}

/** A Lambda function invoked synchronously with the batch; its result replaces the batch. */
export interface PipeEnrichmentDefinition {
  readonly functionName: string;
  /** EnrichmentParameters.InputTemplate, applied to each event before the call. */
  readonly inputTemplate?: string;
}

/**
 * Where events go. String parameters written as a JSON path (`$.body.id`) are read from each event
 * (AWS's dynamic path parameters), before the input template.
 */
export type PipeTargetDefinition =
  | {
      readonly kind: 'bus';
      readonly busName: string;
      /** Default `Pipe <name>`. */
      readonly source?: string;
      /** Default `Event from <eventSource>`, e.g. `Event from aws:sqs`. */
      readonly detailType?: string;
      /** Default `[]`. */
      readonly resources?: readonly string[];
      /** RFC 3339; default the time of the PutEvents. */
      readonly time?: string;
    }
  | {
      readonly kind: 'sqs';
      readonly queueName: string;
      /** Ignored: local queues are standard queues, which take neither. */
      readonly messageGroupId?: string;
      readonly messageDeduplicationId?: string;
    }
  | { readonly kind: 'lambda'; readonly functionName: string; readonly invocationType: 'REQUEST_RESPONSE' | 'FIRE_AND_FORGET' }
  | { readonly kind: 'kinesis'; readonly streamName: string; readonly partitionKey: string };

export type PipeTargetKind = PipeTargetDefinition['kind'];

/** What a stream source batches when BatchSize is not given (AWS's default for pipes, unlike event source mappings' 100). */
export const PIPE_STREAM_BATCH_SIZE = 1;

/** The largest batch each target takes in one call; Pipes refuses a pipe whose BatchSize is larger (Lambda: bounded by payload size only). */
export const TARGET_BATCH_LIMITS: Readonly<Record<PipeTargetKind, number>> = { bus: 10, sqs: 10, kinesis: 500, lambda: 10_000 };
