import { createHash, randomBytes } from 'node:crypto';
import type { S3EventName } from '../../platform/topology/types.ts';
import { LOCAL_ACCOUNT_ID } from '../identity.ts';

export type ObjectEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload'
  | 'ObjectRemoved:Delete';

/** One object stored or removed, as the store observed it. */
export interface ObjectChange {
  eventName: ObjectEventName;
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  sourceIp: string;
  time: string;
  sequencer: string;
}

export interface NotificationFilter {
  events: readonly S3EventName[];
  prefix?: string;
  suffix?: string;
}

/** S3's filter rules: an event type (or its `*` family) and the key's prefix and suffix. */
export function matchesNotification(change: ObjectChange, filter: NotificationFilter): boolean {
  const eventMatches = filter.events.some((name) => {
    const pattern = name.slice('s3:'.length);
    return pattern.endsWith(':*') ? change.eventName.startsWith(pattern.slice(0, -1)) : change.eventName === pattern;
  });
  return eventMatches && change.key.startsWith(filter.prefix ?? '') && change.key.endsWith(filter.suffix ?? '');
}

/** Object keys in S3 events are URL-encoded form style: `red flower.jpg` → `red+flower.jpg`, slashes kept. */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

/** The event S3 sends a Lambda function for one notification. */
export function s3NotificationEvent(change: ObjectChange, configurationId: string, region: string): { Records: unknown[] } {
  const created = change.eventName.startsWith('ObjectCreated');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: change.time,
        eventName: change.eventName,
        userIdentity: { principalId: `AWS:${LOCAL_ACCOUNT_ID}` },
        requestParameters: { sourceIPAddress: change.sourceIp },
        responseElements: {
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          'x-amz-id-2': createHash('sha256').update(change.sequencer).digest('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: change.bucket, ownerIdentity: { principalId: LOCAL_ACCOUNT_ID }, arn: `arn:aws:s3:::${change.bucket}` },
          object: {
            key: encodeEventKey(change.key),
            ...(created && change.size !== undefined && { size: change.size }),
            ...(created && change.eTag !== undefined && { eTag: change.eTag }),
            sequencer: change.sequencer,
          },
        },
      },
    ],
  };
}
