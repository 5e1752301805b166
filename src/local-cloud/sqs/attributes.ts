import { SqsError } from './errors.ts';

/** Numeric queue attributes: AWS's ranges and defaults. */
export const NUMERIC_ATTRIBUTES = {
  DelaySeconds: { min: 0, max: 900, default: 0 },
  MaximumMessageSize: { min: 1_024, max: 1_048_576, default: 1_048_576 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  VisibilityTimeout: { min: 0, max: 43_200, default: 30 },
} as const;

export type NumericAttribute = keyof typeof NUMERIC_ATTRIBUTES;

/** Settable attributes stored as given (policies, encryption settings we do not enforce). */
const OPAQUE_ATTRIBUTES = new Set(['Policy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds']);

/** Attributes the service computes; they can be read but not set. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const READABLE_ATTRIBUTES = new Set<string>([
  'All',
  ...Object.keys(NUMERIC_ATTRIBUTES),
  ...OPAQUE_ATTRIBUTES,
  ...COMPUTED_ATTRIBUTES,
  'RedrivePolicy',
  'SqsManagedSseEnabled',
]);

export const MAX_RECEIVE_COUNT_LIMIT = 1_000;

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** The attributes a new standard queue has before any are set. */
export function defaultQueueAttributes(): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, limits] of Object.entries(NUMERIC_ATTRIBUTES)) defaults[name] = String(limits.default);
  defaults.SqsManagedSseEnabled = 'true';
  return defaults;
}

/**
 * Validates attributes for CreateQueue / SetQueueAttributes and returns them normalised
 * (RedrivePolicy re-serialised as AWS returns it; `''` means "remove" for RedrivePolicy/Policy).
 */
export function validateQueueAttributes(input: Record<string, string>): Record<string, string> {
  const normalised: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value !== 'string') throw invalidValue(name);
    if (name in NUMERIC_ATTRIBUTES) {
      normalised[name] = String(parseBounded(name as NumericAttribute, value));
    } else if (name === 'RedrivePolicy') {
      normalised[name] = value === '' ? '' : JSON.stringify(parseRedrivePolicy(value));
    } else if (name === 'SqsManagedSseEnabled') {
      if (value !== 'true' && value !== 'false') throw invalidValue(name);
      normalised[name] = value;
    } else if (OPAQUE_ATTRIBUTES.has(name)) {
      normalised[name] = value;
    } else if (name === 'FifoQueue' && value === 'false') {
      continue;
    } else if (name === 'FifoQueue') {
      throw new SqsError('UnsupportedOperation', 'FIFO queues are not supported by the eventloom local cloud yet; use a standard queue.');
    } else {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
  return normalised;
}

/** Checks the names a GetQueueAttributes call asks for. */
export function validateAttributeNames(names: readonly string[]): void {
  for (const name of names) {
    if (!READABLE_ATTRIBUTES.has(name)) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
  }
}

export function parseRedrivePolicy(value: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (cause) {
    throw new SqsError('InvalidAttributeValue', `Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidValue('RedrivePolicy');
  const { deadLetterTargetArn, maxReceiveCount } = parsed as Record<string, unknown>;
  if (typeof deadLetterTargetArn !== 'string' || !deadLetterTargetArn.startsWith('arn:')) {
    throw new SqsError('InvalidParameterValue', `Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`);
  }
  const count = typeof maxReceiveCount === 'string' && /^\d+$/.test(maxReceiveCount) ? Number(maxReceiveCount) : maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RECEIVE_COUNT_LIMIT) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from 1 to ${MAX_RECEIVE_COUNT_LIMIT} both inclusive.`,
    );
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

function parseBounded(name: NumericAttribute, value: string): number {
  const { min, max } = NUMERIC_ATTRIBUTES[name];
  if (!/^\d+$/.test(value)) throw invalidValue(name);
  const number = Number(value);
  if (number < min || number > max) throw invalidValue(name);
  return number;
}

function invalidValue(name: string): SqsError {
  return new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}
