export { S3Service, type BucketSummary, type S3ServiceOptions } from './service.ts';
export { matchesNotification, s3NotificationEvent, encodeEventKey, type ObjectChange, type ObjectEventName } from './event.ts';
export { BucketNotification, type BucketNotificationOptions } from './notification.ts';
