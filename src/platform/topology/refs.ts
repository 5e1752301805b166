import type { ResourceRef } from './types.ts';

const REF_KINDS = new Set<ResourceRef['ref']>(['tableName', 'tableStreamArn', 'queueUrl', 'queueArn', 'busName', 'busArn', 'bucketName', 'kinesisStreamName', 'kinesisStreamArn']);

export function isResourceRef(value: unknown): value is ResourceRef {
  return typeof value === 'object' && value !== null && REF_KINDS.has((value as ResourceRef).ref) && typeof (value as ResourceRef).name === 'string';
}

/** Copies a JSON-like value, replacing every ResourceRef inside it (e.g. a stream ARN in an event pattern). */
export function replaceRefs(value: unknown, resolve: (ref: ResourceRef) => string): unknown {
  if (isResourceRef(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, resolve));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceRefs(item, resolve)]));
  }
  return value;
}

/** The section of an app a reference points into, and the noun used in messages. */
export function refTarget(ref: ResourceRef): { section: 'tables' | 'queues' | 'buses' | 'buckets' | 'kinesisStreams'; kind: string } {
  if (ref.ref.startsWith('table')) return { section: 'tables', kind: 'table' };
  if (ref.ref.startsWith('queue')) return { section: 'queues', kind: 'queue' };
  if (ref.ref.startsWith('bucket')) return { section: 'buckets', kind: 'bucket' };
  if (ref.ref.startsWith('kinesisStream')) return { section: 'kinesisStreams', kind: 'Kinesis stream' };
  return { section: 'buses', kind: 'bus' };
}
