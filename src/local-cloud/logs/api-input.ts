import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { quoteValue } from '../protocol/errors.ts';
import { constraintViolation, invalidParameter, missingParameter } from './errors.ts';
import { resolveGroupName } from './models.ts';

/** One operation's raw JSON input. */
export type Input = Record<string, unknown>;

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidType(name, value);
  return value;
}

export function optionalInteger(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidType(name, value);
  return value;
}

/** A time in epoch milliseconds; AWS refuses negative ones. */
export function optionalTime(input: Input, name: string): number | undefined {
  const value = optionalInteger(input, name);
  if (value !== undefined && value < 0) throw constraintViolation(name, value, 'Member must have value greater than or equal to 0');
  return value;
}

export function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidType(name, value);
  return value;
}

export function optionalStringList(input: Input, name: string, max: number): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalidType(name, value);
  if (value.length < 1 || value.length > max) throw constraintViolation(name, `[${value.join(', ')}]`, `Member must have length between 1 and ${max}`);
  return value as string[];
}

export function logEvents(input: Input): InputLogEvent[] {
  const value = input.logEvents;
  if (value === undefined || value === null) throw missingParameter('logEvents');
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) throw invalidType('logEvents', value);
  return value as InputLogEvent[];
}

/** The group an operation addresses by `logGroupName` or `logGroupIdentifier`. */
export function groupOf(input: Input): string {
  return resolveGroupName(optionalString(input, 'logGroupName'), optionalString(input, 'logGroupIdentifier'));
}

function invalidType(name: string, value: unknown) {
  return invalidParameter(`Value ${quoteValue(value)} for parameter ${name} is invalid.`);
}
