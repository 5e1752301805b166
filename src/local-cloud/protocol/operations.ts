import { AwsServiceError, notImplemented } from './errors.ts';

/** Every AWS operation and query action is a PascalCase name: anything else names none. */
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{0,127}$/;

/**
 * The handler a service's operation table has for `name`, looked up in the table's own properties
 * only: `constructor`, `valueOf` or `__proto__` name no operation (a plain `table[name]` would
 * find Object.prototype's and run it).
 */
export function ownOperation<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * What an operation a service does not serve answers: a well-formed name may be an AWS operation the
 * local cloud does not implement (501 NotImplemented, never a silent no-op); any other name is no
 * operation at all (400 UnknownOperationException, as AWS answers).
 */
export function unknownOperation(service: string, name: string): AwsServiceError {
  if (OPERATION_NAME.test(name)) return notImplemented(service, name);
  return new AwsServiceError('UnknownOperationException', `${service} has no operation ${JSON.stringify(name.slice(0, 128))}.`);
}

/** The table's handler for `name`, or the error `unknownOperation` describes. */
export function findOperation<T>(table: Readonly<Record<string, T>>, service: string, name: string): T {
  const handler = ownOperation(table, name);
  if (handler === undefined) throw unknownOperation(service, name);
  return handler;
}

/** Whether `name` has the shape of an AWS operation name (PascalCase, at most 128 characters). */
export function isOperationName(name: string): boolean {
  return OPERATION_NAME.test(name);
}
