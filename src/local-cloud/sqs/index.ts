export { createSqsApi } from './api.ts';
export { NUMERIC_ATTRIBUTES, type RedrivePolicy } from './attributes.ts';
export { isSqsError, SqsError, type SqsErrorCode } from './errors.ts';
export { md5OfBody, md5OfMessageAttributes, type MessageAttributes, type MessageAttributeValue } from './md5.ts';
export type { ReceivedMessage, ReceiveMessagesOptions, SendMessageInput, SendMessageResult } from './models.ts';
export { SqsService, type SqsServiceOptions } from './service.ts';
export { createSqsQueryApi } from './query-api.ts';
