import { arn } from '../identity.ts';
import { constraintViolation, invalidParameter } from './errors.ts';

export interface LogGroup {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
  /** Days, as PutRetentionPolicy set it; undefined = never expire (AWS's default). */
  readonly retentionDays: number | undefined;
}

export interface LogStream {
  readonly id: number;
  readonly groupId: number;
  readonly name: string;
  readonly createdAt: number;
  readonly firstEventAt: number | undefined;
  readonly lastEventAt: number | undefined;
  readonly lastIngestedAt: number | undefined;
}

/**
 * An event's place in a group or stream: events are ordered by timestamp, then by arrival (`seq`),
 * and every token names such a place.
 */
export interface EventKey {
  readonly timestamp: number;
  readonly seq: number;
}

export interface StoredEvent extends EventKey {
  readonly streamName: string;
  readonly ingestedAt: number;
  readonly message: string;
}

/** One event on its way into the store. */
export interface NewLogEvent {
  readonly group: string;
  readonly stream: string;
  readonly timestamp: number;
  readonly message: string;
}

/** Before every event and after every event: the open ends of a range. */
export const FIRST_KEY: EventKey = { timestamp: 0, seq: 0 };
export const LAST_KEY: EventKey = { timestamp: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

/** `arn:aws:logs:<region>:<account>:log-group:<name>:*`, what DescribeLogGroups calls `arn`. */
export function logGroupArn(name: string, suffix = ':*'): string {
  return arn('logs', `log-group:${name}${suffix}`);
}

export function logStreamArn(group: string, stream: string): string {
  return arn('logs', `log-group:${group}:log-stream:${stream}`);
}

/** A 56-digit id like AWS's, unique per event and stable across calls (`aws logs tail` dedups by it). */
export function eventId(key: EventKey): string {
  return `${String(key.timestamp).padStart(20, '0')}${String(key.seq).padStart(36, '0')}`;
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export function validateGroupName(name: string, field = 'logGroupName'): string {
  if (!GROUP_NAME.test(name)) throw constraintViolation(field, name, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
  return name;
}

export function validateStreamName(name: string, field = 'logStreamName'): string {
  if (name.length < 1 || name.length > 512 || /[:*]/.test(name)) {
    throw constraintViolation(field, name, 'Member must satisfy regular expression pattern: [^:*]*');
  }
  return name;
}

/** `logGroupIdentifier` is a name or an ARN (with or without the trailing `:*`). */
function groupNameFromIdentifier(identifier: string): string {
  const match = /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(identifier);
  return validateGroupName(match ? match[1]! : identifier, 'logGroupIdentifier');
}

/** Exactly one of `logGroupName` and `logGroupIdentifier`, as AWS requires. */
export function resolveGroupName(name: string | undefined, identifier: string | undefined): string {
  if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  if (identifier !== undefined) return groupNameFromIdentifier(identifier);
  if (name === undefined) throw invalidParameter('Either the parameter logGroupName or logGroupIdentifier must be specified.');
  return validateGroupName(name);
}
