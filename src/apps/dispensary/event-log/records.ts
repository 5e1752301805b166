import { AGGREGATE_TYPE, aggregateKey } from '../dispense/dispense.ts';
import { EVENT_VERSION, isDispenseEventType, type DispenseEvent } from '../dispense/events.ts';

/** What every event carries besides its payload (decision: `command_id` is a ULID per command). */
export interface EventMetadata {
  readonly command_id: string;
}

/** One event in the log (dynamo-es attribute names; Payload and Metadata are binary JSON). */
export interface EventLogItem {
  readonly AggregateTypeAndId: string;
  readonly AggregateIdSequence: number;
  readonly AggregateType: string;
  readonly AggregateId: string;
  readonly EventType: string;
  readonly EventVersion: string;
  readonly Payload: Uint8Array;
  readonly Metadata: Uint8Array;
}

export interface LoggedEvent {
  readonly aggregateId: string;
  readonly sequence: number;
  readonly event: DispenseEvent;
  readonly metadata: EventMetadata;
}

export const encodeJson = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
export const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/** The stored payload is the event's data with its internal `type` tag, as the reference serializes it. */
export function toItem(aggregateId: string, sequence: number, event: DispenseEvent, metadata: EventMetadata): EventLogItem {
  return {
    AggregateTypeAndId: aggregateKey(aggregateId),
    AggregateIdSequence: sequence,
    AggregateType: AGGREGATE_TYPE,
    AggregateId: aggregateId,
    EventType: event.type,
    EventVersion: EVENT_VERSION,
    Payload: encodeJson({ type: event.type, ...event.data }),
    Metadata: encodeJson(metadata),
  };
}

/** Reads an item back; `Payload`/`Metadata` may arrive as bytes (SDK) or base64 text (a Lambda stream event). */
export function fromItem(item: Record<string, unknown>): LoggedEvent {
  const type = item.EventType;
  if (!isDispenseEventType(type)) throw new Error(`unknown event type ${JSON.stringify(type)} in ${String(item.AggregateTypeAndId)}`);
  const { type: _tag, ...data } = decodeJson(bytes(item.Payload)) as Record<string, unknown>;
  return {
    aggregateId: String(item.AggregateId),
    sequence: Number(item.AggregateIdSequence),
    event: { type, data } as DispenseEvent,
    metadata: decodeJson(bytes(item.Metadata)) as EventMetadata,
  };
}

function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  throw new Error('a binary attribute is missing');
}
