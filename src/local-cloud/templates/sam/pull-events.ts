import type { SamContext } from './context.ts';
import { ref } from './context.ts';
import type { SamEvent } from './event.ts';
import { pick } from './event.ts';
import { isPlainObject } from '../intrinsics.ts';

/** The event properties SAM passes through to `AWS::Lambda::EventSourceMapping` (eventsources/pull.py). */
const MAPPING_PROPERTIES = [
  'StartingPosition', 'StartingPositionTimestamp', 'BatchSize', 'Enabled', 'MaximumBatchingWindowInSeconds', 'MaximumRetryAttempts',
  'BisectBatchOnFunctionError', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'Topics', 'Queues', 'SourceAccessConfigurations',
  'TumblingWindowInSeconds', 'FunctionResponseTypes', 'FilterCriteria', 'KmsKeyArn', 'ScalingConfig', 'ProvisionedPollerConfig',
  'MetricsConfig', 'LoggingConfig',
] as const;

/** Which property names the source of each pull event type. */
const SOURCE_PROPERTY: Readonly<Record<string, string>> = { SQS: 'Queue', DynamoDB: 'Stream', Kinesis: 'Stream' };

export const PULL_EVENT_TYPES = Object.keys(SOURCE_PROPERTY);

/**
 * `SQS`, `DynamoDB` and `Kinesis` events: one `AWS::Lambda::EventSourceMapping` named
 * `<Function><Event>` with `FunctionName: !Ref <Function>` and the event's source as
 * `EventSourceArn`. `DestinationConfig.OnFailure.Type` only tells SAM which policy to add and is
 * removed.
 */
export function pullEvent(event: SamEvent, ctx: SamContext): void {
  const sourceProperty = SOURCE_PROPERTY[event.type]!;
  const source = event.properties[sourceProperty];
  if (source === undefined) throw ctx.fail(event.functionId, `a ${event.type} event needs ${sourceProperty}`, `Events.${event.name}.Properties.${sourceProperty}`);
  if (event.type !== 'SQS' && event.properties.StartingPosition === undefined) {
    throw ctx.fail(event.functionId, `a ${event.type} event needs StartingPosition`, `Events.${event.name}.Properties.StartingPosition`);
  }
  const properties: Record<string, unknown> = {
    FunctionName: ref(event.functionId),
    EventSourceArn: source,
    ...pick(event.properties, MAPPING_PROPERTIES),
  };
  const destination = event.properties.DestinationConfig;
  if (isPlainObject(destination)) properties.DestinationConfig = withoutSamType(destination);
  ctx.add(event.logicalId, { Type: 'AWS::Lambda::EventSourceMapping', Properties: properties, ...event.attributes }, event.functionId);
}

function withoutSamType(destination: Record<string, unknown>): Record<string, unknown> {
  const onFailure = destination.OnFailure;
  if (!isPlainObject(onFailure) || !('Type' in onFailure)) return destination;
  const { Type: _type, ...rest } = onFailure;
  return { ...destination, OnFailure: rest };
}
