import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { quoteValue } from '../protocol/errors.ts';
import { wireInputReader, type Input } from '../protocol/wire-input.ts';
import { constraintViolation, invalidParameter, missingParameter } from './errors.ts';
import { resolveGroupName } from './models.ts';

export type { Input };

const read = wireInputReader(
  { wrongType: (path, _expected, value) => invalidParameter(`Value ${quoteValue(value)} for parameter ${path} is invalid.`), missing: missingParameter },
  { emptyStringIsMissing: false },
);

export const { optionalString, requiredString, optionalInteger, optionalBoolean } = read;

/** A time in epoch milliseconds; AWS refuses negative ones. */
export function optionalTime(input: Input, name: string): number | undefined {
  const value = optionalInteger(input, name);
  if (value !== undefined && value < 0) throw constraintViolation(name, value, 'Member must have value greater than or equal to 0');
  return value;
}

/** A string list of 1 to `max` names (`logStreamNames`, `logGroupIdentifiers`). */
export function boundedStringList(input: Input, name: string, max: number): string[] | undefined {
  const value = read.optionalStringList(input, name);
  if (value !== undefined && (value.length < 1 || value.length > max)) {
    throw constraintViolation(name, `[${value.join(', ')}]`, `Member must have length between 1 and ${max}`);
  }
  return value;
}

export function logEvents(input: Input): InputLogEvent[] {
  if (input.logEvents === undefined || input.logEvents === null) throw missingParameter('logEvents');
  return read.objectList(input, 'logEvents').map((event, index) => {
    const path = `logEvents.${index + 1}.member`;
    const timestamp = read.optionalInteger(event, 'timestamp', `${path}.timestamp`);
    if (timestamp === undefined) throw missingParameter(`${path}.timestamp`);
    return { timestamp, message: read.requiredString(event, 'message', `${path}.message`) };
  });
}

/** The group an operation addresses by `logGroupName` or `logGroupIdentifier`. */
export function groupOf(input: Input): string {
  return resolveGroupName(optionalString(input, 'logGroupName'), optionalString(input, 'logGroupIdentifier'));
}
