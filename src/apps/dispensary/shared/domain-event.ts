import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { AGGREGATE_TYPE } from '../dispense/dispense.ts';
import { isDispenseEventType, type DispenseEvent } from '../dispense/events.ts';
import type { EventMetadata, LoggedEvent } from '../event-log/records.ts';

/**
 * An event as the publisher puts it on Kinesis (the reference's `DomainEvent`): payload and
 * metadata as JSON strings, `id` the aggregate id, `sequence` its place in the aggregate's log.
 */
export interface DomainEvent {
  readonly id: string;
  readonly entity: string;
  readonly sequence: number;
  readonly event_type: string;
  readonly event_version: string;
  readonly payload: string;
  readonly metadata: string;
}

export function toDomainEvent(logged: LoggedEvent, eventVersion: string): DomainEvent {
  return {
    id: logged.aggregateId,
    entity: AGGREGATE_TYPE,
    sequence: logged.sequence,
    event_type: logged.event.type,
    event_version: eventVersion,
    payload: JSON.stringify({ type: logged.event.type, ...logged.event.data }),
    metadata: JSON.stringify(logged.metadata),
  };
}

/** Parses a Kinesis record's data; anything that is not a dispense DomainEvent is InvalidArgumentsError (permanent). */
export function parseDomainEvent(data: Uint8Array): LoggedEvent {
  let value: Partial<DomainEvent>;
  try {
    value = JSON.parse(new TextDecoder().decode(data)) as Partial<DomainEvent>;
  } catch (error) {
    throw new InvalidArgumentsError('the record is not JSON', [], { cause: error });
  }
  const { id, entity, sequence, event_type: type, payload, metadata } = value ?? {};
  if (entity !== AGGREGATE_TYPE || typeof id !== 'string' || !Number.isInteger(sequence) || !isDispenseEventType(type) || typeof payload !== 'string') {
    throw new InvalidArgumentsError(`not a dispense DomainEvent: ${JSON.stringify({ id, entity, sequence, event_type: type })}`);
  }
  try {
    const { type: _tag, ...eventData } = JSON.parse(payload) as Record<string, unknown>;
    return { aggregateId: id, sequence: sequence!, event: { type, data: eventData } as DispenseEvent, metadata: JSON.parse(metadata ?? '{}') as EventMetadata };
  } catch (error) {
    throw new InvalidArgumentsError(`the payload of ${id}#${sequence} is not JSON`, [], { cause: error });
  }
}
