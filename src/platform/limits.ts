import { z } from 'zod';

/**
 * What the storage and the downstream services accept, in bytes where AWS counts bytes. A schema
 * bounds its fields by these (counting the app's key prefixes), so a request that could never be
 * stored, streamed or queued is a 400 naming the field instead of a 500 or a wedged pipeline.
 */
export const AWS_LIMITS = {
  /** DynamoDB partition key value, UTF-8 bytes. */
  partitionKeyBytes: 2_048,
  /** DynamoDB sort key value, UTF-8 bytes. */
  sortKeyBytes: 1_024,
  /** DynamoDB item (names and values), bytes. */
  itemBytes: 400 * 1_024,
  /** DynamoDB nested attribute depth (maps and lists). */
  documentDepth: 32,
  /** EventBridge PutEvents entry: what a pipe carries a stream record in. */
  eventEntryBytes: 256 * 1_024,
  /** SQS message body and SendMessageBatch request, each. */
  sqsBatchBytes: 1_024 * 1_024,
  /** S3 object key, UTF-8 bytes. */
  s3KeyBytes: 1_024,
} as const;

/** DynamoDB's number range: 0, or a magnitude from 1e-130 to 9.9999999999999999999999999999999999999e125 (38 digits). */
const DYNAMODB_SMALLEST = 1e-130;
/** The first magnitude past DynamoDB's largest (9.99…e125 does not fit a double exactly). */
const DYNAMODB_TOO_LARGE = 1e126;

/** DynamoDB's table naming rule: 3–255 characters of `A-Z a-z 0-9 _ - .`. */
export const isDynamoDbTableName = (name: string): boolean => /^[A-Za-z0-9_.-]{3,255}$/.test(name);

export const utf8Bytes = (value: string): number => Buffer.byteLength(value, 'utf8');

/**
 * Whether DynamoDB can store `value` and the app read it back as the same JS number. lib-dynamodb
 * refuses to write (and to read) a number past ±2^53 as imprecise, so that is the app's ceiling,
 * well inside DynamoDB's own 1e126; below it DynamoDB's 1e-130 floor refuses tiny magnitudes.
 */
export function isStorableNumber(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const magnitude = Math.abs(value);
  return magnitude === 0 || (magnitude >= DYNAMODB_SMALLEST && magnitude < DYNAMODB_TOO_LARGE && magnitude <= Number.MAX_SAFE_INTEGER);
}

const STORABLE_NUMBER_MESSAGE = `must be 0 or a magnitude between 1e-130 and ${Number.MAX_SAFE_INTEGER} (what DynamoDB stores and reads back exactly)`;

/** A JSON number DynamoDB stores exactly (see `isStorableNumber`); chain `.min()`/`.int()` as usual. */
export const storableNumber = () => z.number().refine(isStorableNumber, { message: STORABLE_NUMBER_MESSAGE });

/** The arguments of `.refine()` for any string schema: at most `limit` UTF-8 bytes (a 4-byte character counts 4). */
export const withinBytes = (limit: number) => [(value: string) => utf8Bytes(value) <= limit, { message: `must be at most ${limit} bytes in UTF-8` }] as const;

/** A string of at most `limit` UTF-8 bytes. */
export const boundedString = (limit: number) => z.string().refine(...withinBytes(limit));

// Control characters (NUL included) are valid in S3 keys on the wire but not in XML listings, and no caller means them.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** An S3 object key: 1–1,024 UTF-8 bytes without control characters. */
export const s3Key = () =>
  z
    .string()
    .min(1, { message: 'must not be empty' })
    .refine(...withinBytes(AWS_LIMITS.s3KeyBytes))
    .refine((value) => !hasControlCharacter(value), { message: 'must not contain control characters (NUL, newline, …)' });

export interface DocumentBounds {
  /** Levels of maps and lists the value may nest (a map of scalars is 1). Default DynamoDB's 32. */
  readonly maxDepth?: number;
  /** Size of the value as DynamoDB JSON (what a stream record carries). Default none. */
  readonly maxBytes?: number;
}

/**
 * Any JSON value DynamoDB can store as an attribute: no deeper than `maxDepth`, every number
 * storable (`isStorableNumber`), and at most `maxBytes` once rendered as DynamoDB JSON. Each
 * problem names its place (`eventData.a.3`).
 */
export const storableDocument = (bounds: DocumentBounds = {}) =>
  z.unknown().superRefine((value, context) => {
    const problem = documentProblem(value, bounds.maxDepth ?? AWS_LIMITS.documentDepth);
    if (problem) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
      return;
    }
    const size = dynamoJsonBytes(value);
    if (bounds.maxBytes !== undefined && size > bounds.maxBytes) {
      context.addIssue({ code: 'custom', message: `must be at most ${bounds.maxBytes} bytes as DynamoDB JSON (is ${size})` });
    }
  });

type Path = (string | number)[];

/** The first place in `value` DynamoDB would refuse, walking without recursion so depth cannot overflow the stack. */
export function documentProblem(value: unknown, maxDepth: number): { path: Path; message: string } | undefined {
  const pending: { value: unknown; path: Path; depth: number }[] = [{ value, path: [], depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path, depth } = next;
    if (typeof current === 'number' && !isStorableNumber(current)) return { path, message: STORABLE_NUMBER_MESSAGE };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return { path, message: `must not nest maps and lists more than ${maxDepth} levels deep` };
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, i) => [i, item]) : Object.entries(current);
    for (const [key, item] of entries) pending.push({ value: item, path: [...path, key], depth: depth + 1 });
  }
  return undefined;
}

/** Bytes of `value` as DynamoDB JSON (`{"M":{"a":{"N":"1"}}}`), as a stream record carries it; `value` must be acyclic. */
export function dynamoJsonBytes(value: unknown): number {
  let total = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') total += 6 + utf8Bytes(JSON.stringify(next));
    else if (typeof next === 'number') total += 8 + String(next).length;
    else if (typeof next === 'boolean') total += 9 + String(next).length;
    else if (next === null || next === undefined) total += 13;
    else if (Array.isArray(next)) {
      total += 8 + Math.max(0, next.length - 1);
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object') {
      const entries = Object.entries(next);
      total += 8 + Math.max(0, entries.length - 1);
      for (const [key, item] of entries) {
        total += utf8Bytes(JSON.stringify(key)) + 1;
        pending.push(item);
      }
    }
  }
  return total;
}
