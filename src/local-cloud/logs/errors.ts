import { AwsServiceError } from '../protocol/errors.ts';

/** The exception names `@aws-sdk/client-cloudwatch-logs` maps to its classes. */
const LOGS_ERRORS = {
  ResourceNotFoundException: 400,
  ResourceAlreadyExistsException: 400,
  InvalidParameterException: 400,
} as const;

export type LogsErrorCode = keyof typeof LOGS_ERRORS;

/** A CloudWatch Logs failure; `code` is the AWS exception name. */
export class LogsError extends AwsServiceError {
  declare readonly code: LogsErrorCode;

  constructor(code: LogsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { statusCode: LOGS_ERRORS[code], cause: options.cause });
  }
}

export const logGroupNotFound = () => new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');

export const logStreamNotFound = () => new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');

export const logGroupExists = () => new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');

export const logStreamExists = () => new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');

export const invalidParameter = (message: string, options: { cause?: unknown } = {}) => new LogsError('InvalidParameterException', message, options);

export const invalidToken = () => invalidParameter('The specified nextToken is invalid.');

/** AWS's wording when a request field breaks its constraint (length, pattern, range). */
export const constraintViolation = (name: string, value: unknown, constraint: string) =>
  invalidParameter(`1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint: ${constraint}`);

export const missingParameter = (name: string) =>
  invalidParameter(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);

export function isLogsError(error: unknown, code?: LogsErrorCode): error is LogsError {
  return error instanceof LogsError && (code === undefined || error.code === code);
}
