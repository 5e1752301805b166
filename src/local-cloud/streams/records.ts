import type { AttributeValue as SdkAttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';

export type { AttributeValue } from 'aws-lambda';

/** A stream record exactly as AWS delivers it to Lambda and Pipes: plain JSON, DynamoDB JSON values. */
export interface DynamoDBStreamRecord extends DynamoDBRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: StreamRecord & {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: Record<string, AttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: NonNullable<StreamRecord['StreamViewType']>;
  };
  userIdentity?: { type: string; principalId: string };
}

export interface NormaliseContext {
  /** The stream ARN the consumer is configured with (`eventSourceARN`). */
  streamArn: string;
  /** `awsRegion`; DynamoDB Local reports `ddblocal`, AWS reports the real region. */
  region: string;
}

/** What AWS puts in `userIdentity` of a record deleted by TTL. */
export const TTL_USER_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

const EVENT_NAMES = new Set(['INSERT', 'MODIFY', 'REMOVE']);

/**
 * Turns an SDK stream record into AWS's wire shape: `Date` back to epoch seconds, binary back to
 * base64. DynamoDB Local sends a TTL delete with a non-standard `eventName` (the SDK reads it as
 * `UNKNOWN_TO_SDK_VERSION`) and no `userIdentity`; it becomes a `REMOVE` by the DynamoDB service.
 *
 * @example
 * const records = (await client.send(new GetRecordsCommand({ ShardIterator }))).Records ?? [];
 * const event = { Records: records.map((r) => normaliseRecord(r, { streamArn, region: 'us-east-1' })) };
 */
export function normaliseRecord(record: _Record, context: NormaliseContext): DynamoDBStreamRecord {
  const source = record.dynamodb ?? {};
  const standard = record.eventName !== undefined && EVENT_NAMES.has(record.eventName);
  const newImage = toWireItem(source.NewImage);
  const oldImage = toWireItem(source.OldImage);
  const dynamodb: DynamoDBStreamRecord['dynamodb'] = {
    ApproximateCreationDateTime: toEpochSeconds(source.ApproximateCreationDateTime),
    Keys: toWireItem(source.Keys) ?? {},
    ...(newImage && { NewImage: newImage }),
    ...(oldImage && { OldImage: oldImage }),
    SequenceNumber: source.SequenceNumber ?? '',
    SizeBytes: source.SizeBytes ?? 0,
    StreamViewType: source.StreamViewType ?? 'KEYS_ONLY',
  };

  const normalised: DynamoDBStreamRecord = {
    eventID: record.eventID ?? '',
    eventName: standard ? (record.eventName as DynamoDBStreamRecord['eventName']) : 'REMOVE',
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: context.region,
    dynamodb,
    eventSourceARN: context.streamArn,
  };
  if (record.userIdentity?.Type && record.userIdentity.PrincipalId) {
    normalised.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  } else if (!standard) {
    normalised.userIdentity = { ...TTL_USER_IDENTITY };
  }
  return normalised;
}

function toEpochSeconds(value: Date | number | undefined): number {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (typeof value === 'number') return Math.floor(value);
  return Math.floor(Date.now() / 1000);
}

function toWireItem(item: Record<string, SdkAttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  if (!item) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) out[name] = toWireValue(value);
  return out;
}

/** One attribute value in DynamoDB JSON with binaries as base64 strings. */
export function toWireValue(value: SdkAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.L !== undefined) return { L: value.L.map(toWireValue) };
  if (value.M !== undefined) return { M: toWireItem(value.M) ?? {} };
  // S, N, BOOL, NULL, SS, NS are already plain JSON.
  const { $unknown: _unknown, ...plain } = value as SdkAttributeValue & { $unknown?: unknown };
  return plain as AttributeValue;
}

function toBase64(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
