import { AwsServiceError, quoteValue } from '../protocol/errors.ts';
import { validation } from './errors.ts';

/**
 * Reading EventBridge's JSON wire input: each reader returns the member in its model type, or throws
 * what AWS answers for it: `SerializationException` for a wrong wire type (a string where a list
 * belongs, a number for a name), `ValidationException` for a missing required member. Operations
 * never cast raw input. `path` names the member in messages (`Entries[0].Source`).
 */

/** One operation's raw JSON input. */
export type Input = Record<string, unknown>;

export function optionalString(input: Input, field: string, path = field): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(path, 'a string', value);
  return value;
}

/** A required string: absent or empty is AWS's "Member must not be null". */
export function requiredString(input: Input, field: string, path = field): string {
  const value = optionalString(input, field, path);
  if (value === undefined || value === '') throw missing(path);
  return value;
}

export function optionalInteger(input: Input, field: string, path = field): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(path, 'an integer', value);
  return value;
}

/** A timestamp: JSON 1.1 sends epoch seconds (fractions allowed); one outside what a Date holds is refused. */
export function optionalTimestamp(input: Input, field: string, path = field): Date | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a timestamp in epoch seconds', value);
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) throw validation(`Parameter ${path} is not valid. Reason: ${value} is not a valid timestamp.`);
  return date;
}

export function optionalStringList(input: Input, field: string, path = field): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(path, 'a list of strings', value);
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw wrongType(`${path}[${index}]`, 'a string', item);
  });
  return value as string[];
}

/** A string map (`InputPathsMap`). */
export function optionalStringMap(input: Input, field: string, path = field): Record<string, string> | undefined {
  const value = optionalObject(input, field, path);
  if (value === undefined) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw wrongType(`${path}.${key}`, 'a string', item);
  }
  return value as Record<string, string>;
}

export function optionalObject(input: Input, field: string, path = field): Input | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(path, 'a structure', value);
  return value as Input;
}

/** A list of structures (`Entries`, `Targets`); absent is `[]`, the caller checks the count. */
export function objectList(input: Input, field: string, path = field): Input[] {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(path, 'a list', value);
  value.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw wrongType(`${path}[${index}]`, 'a structure', item);
  });
  return value as Input[];
}

function wrongType(path: string, expected: string, value: unknown): AwsServiceError {
  const actual = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
  return new AwsServiceError('SerializationException', `Expected ${expected} for ${path}, got ${actual}: ${quoteValue(value, 60)}.`);
}

function missing(path: string): AwsServiceError {
  const member = path.charAt(0).toLowerCase() + path.slice(1);
  return validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}
