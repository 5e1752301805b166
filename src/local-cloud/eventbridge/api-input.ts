import { AwsServiceError, quoteValue } from '../protocol/errors.ts';
import { wireInputReader, type Input } from '../protocol/wire-input.ts';
import { validation } from './errors.ts';

/**
 * EventBridge's JSON wire input: `SerializationException` for a wrong wire type (a string where a list belongs, a
 * number for a name), `ValidationException` for a missing required member.
 */
export type { Input };

const read = wireInputReader({ wrongType, missing });

export const { optionalString, requiredString, optionalInteger, optionalStringList, optionalStringMap, optionalObject, objectList } = read;

/** A timestamp: JSON 1.1 sends epoch seconds (fractions allowed); one outside what a Date holds is refused. */
export function optionalTimestamp(input: Input, field: string, path = field): Date | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, 'a timestamp in epoch seconds', value);
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) throw validation(`Parameter ${path} is not valid. Reason: ${value} is not a valid timestamp.`);
  return date;
}

function wrongType(path: string, expected: string, value: unknown): AwsServiceError {
  const actual = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
  return new AwsServiceError('SerializationException', `Expected ${expected} for ${path}, got ${actual}: ${quoteValue(value, 60)}.`);
}

function missing(path: string): AwsServiceError {
  const member = path.charAt(0).toLowerCase() + path.slice(1);
  return validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}
