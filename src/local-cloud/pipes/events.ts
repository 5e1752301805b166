import type { _Record } from '@aws-sdk/client-kinesis';
import type { StreamRecordInfo } from '../delivery/stream-record-info.ts';
import { toLambdaRecord, type KinesisRecordContext } from '../kinesis/records.ts';
import type { PipeSourceKind } from './definition.ts';

/** One source event as a pipe receives it (AWS's per-source shapes: a stream record, a queue message). */
export type PipeEvent = object;

/** A Kinesis record in the Pipes source shape: Lambda's record with its `kinesis` fields at the top. */
export interface KinesisPipeEvent {
  readonly kinesisSchemaVersion: string;
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  /** Base64, as read from the stream. */
  readonly data: string;
  /** Epoch seconds, fractional. */
  readonly approximateArrivalTimestamp: number;
  readonly eventID: string;
  readonly [field: string]: unknown;
}

export function toKinesisPipeEvent(record: _Record, context: KinesisRecordContext): KinesisPipeEvent {
  const { kinesis, ...rest } = toLambdaRecord(record, context);
  return { ...kinesis, ...rest };
}

export const kinesisPipeEventInfo: StreamRecordInfo<KinesisPipeEvent> = {
  sequenceNumber: (event) => event.sequenceNumber,
  arrivalSeconds: (event) => event.approximateArrivalTimestamp,
};

/** `eventSource` of each source kind, which names the default detail-type of an event-bus target. */
export const EVENT_SOURCES: Readonly<Record<PipeSourceKind, string>> = {
  dynamodb: 'aws:dynamodb',
  kinesis: 'aws:kinesis',
  sqs: 'aws:sqs',
};

/** What `batchItemFailures` identifiers name: a message's `messageId`, a stream record's `eventID`. */
export function itemIdOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { messageId, eventID } = event as { messageId?: unknown; eventID?: unknown };
  const id = messageId ?? eventID;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The event as filters, input templates and dynamic path parameters see it (AWS's implicit body
 * data parsing): an SQS `body` holding a JSON object or array is parsed, a Kinesis `data` whose
 * base64 decodes to JSON becomes that JSON. Anything else stays as it is. Applied to enrichment
 * results too, which often pass the source records through.
 */
export function decodeEvent(kind: PipeSourceKind, event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  const record = event as Record<string, unknown>;
  if (kind === 'sqs' && typeof record.body === 'string') {
    const body = parseJson(record.body);
    return typeof body === 'object' && body !== null ? { ...record, body } : event;
  }
  if (kind === 'kinesis' && typeof record.data === 'string') {
    const data = parseJson(Buffer.from(record.data, 'base64').toString('utf8'));
    return data === undefined ? event : { ...record, data };
  }
  return event;
}

/** The JSON value of `text`, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
