import { AwsServiceError } from '../protocol/errors.ts';

/**
 * SQS's error names as `@aws-sdk/client-sqs` knows them, with the legacy query code AWS sends in
 * `x-amzn-query-error` (SQS is "awsQueryCompatible": the SDK picks the exception class by that
 * code, e.g. `AWS.SimpleQueueService.NonExistentQueue` → `QueueDoesNotExist`). Codes without an
 * SDK class (`InvalidParameterValue`, `MissingParameter`) surface as `SQSServiceException` with
 * that `name`, exactly as against AWS.
 */
const SQS_ERRORS = {
  QueueDoesNotExist: { query: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { query: 'QueueAlreadyExists', status: 400 },
  InvalidAttributeName: { query: 'InvalidAttributeName', status: 400 },
  InvalidAttributeValue: { query: 'InvalidAttributeValue', status: 400 },
  InvalidParameterValue: { query: 'InvalidParameterValue', status: 400 },
  MissingParameter: { query: 'MissingParameter', status: 400 },
  InvalidMessageContents: { query: 'InvalidMessageContents', status: 400 },
  ReceiptHandleIsInvalid: { query: 'ReceiptHandleIsInvalid', status: 404 },
  TooManyEntriesInBatchRequest: { query: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', status: 400 },
  EmptyBatchRequest: { query: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  BatchEntryIdsNotDistinct: { query: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  InvalidBatchEntryId: { query: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  BatchRequestTooLong: { query: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  PurgeQueueInProgress: { query: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
  UnsupportedOperation: { query: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400 },
  ResourceNotFoundException: { query: 'ResourceNotFoundException', status: 404 },
} as const;

export type SqsErrorCode = keyof typeof SQS_ERRORS;

/** An SQS failure; `code` is the AWS exception name. Callers inside the local cloud test `code`. */
export class SqsError extends AwsServiceError {
  declare readonly code: SqsErrorCode;
  /** The queue the failing call addressed, when known. */
  readonly queueName: string | undefined;

  constructor(code: SqsErrorCode, message: string, options: { queueName?: string; cause?: unknown } = {}) {
    const { query, status } = SQS_ERRORS[code];
    super(code, message, { statusCode: status, queryErrorCode: query, fault: 'Sender', cause: options.cause });
    this.queueName = options.queueName;
  }
}

export function isSqsError(error: unknown, code?: SqsErrorCode): error is SqsError {
  return error instanceof SqsError && (code === undefined || error.code === code);
}

export const queueDoesNotExist = (queueName: string) =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', { queueName });

export const invalidParameter = (message: string) => new SqsError('InvalidParameterValue', message);

export const missingParameter = (name: string) =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

/** AWS's wording for an out-of-range numeric request parameter. */
export const outOfRange = (name: string, value: unknown, min: number, max: number) =>
  invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`);

export const receiptHandleIsInvalid = (handle: string) =>
  new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
