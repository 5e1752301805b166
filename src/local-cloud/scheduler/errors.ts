import { AwsServiceError } from '../protocol/errors.ts';

/** EventBridge Scheduler's errors, named as `@aws-sdk/client-scheduler`'s exception classes. */
export const resourceNotFound = (message: string) => new AwsServiceError('ResourceNotFoundException', message, { statusCode: 404 });
export const conflict = (message: string) => new AwsServiceError('ConflictException', message, { statusCode: 409 });
export const validation = (message: string) => new AwsServiceError('ValidationException', message);

/** AWS's wording for a field that breaks a constraint of the API model. */
export function constraint(field: string, value: unknown, rule: string): AwsServiceError {
  const shown = value === undefined ? 'null' : `'${String(value)}'`;
  return validation(`1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`);
}
