import { invalidParameter, missingParameter, outOfRange, SqsError } from './errors.ts';
import { isBinaryType, type MessageAttributes } from './md5.ts';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function validateQueueName(name: string): void {
  if (name.endsWith('.fifo')) {
    throw new SqsError('UnsupportedOperation', 'FIFO queues are not supported by the eventloom local cloud yet; use a standard queue.');
  }
  if (!QUEUE_NAME.test(name)) {
    throw invalidParameter('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
}

/** Characters AWS accepts in a body or string attribute (the XML 1.0 character range). */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function validateBody(body: unknown): asserts body is string {
  if (typeof body !== 'string' || body.length === 0) throw missingParameter('MessageBody');
  if (INVALID_CHARACTER.test(body)) {
    throw new SqsError(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

export function validateDelay(delaySeconds: number): void {
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
    throw invalidParameter(`Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`);
  }
}

const MAX_MESSAGE_ATTRIBUTES = 10;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;

export function validateMessageAttributes(attributes: MessageAttributes): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameter(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`);
  }
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || lower.startsWith('aws.') || lower.startsWith('amazon.')) {
      throw invalidParameter(`Message (user) attribute name '${name}' is invalid.`);
    }
    const attribute = attributes[name];
    if (!attribute || typeof attribute.DataType !== 'string' || attribute.DataType.length === 0) {
      throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    if (!DATA_TYPE.test(attribute.DataType) || attribute.DataType.length > 256) {
      throw invalidParameter(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (isBinaryType(attribute.DataType)) {
      if (!attribute.BinaryValue || attribute.BinaryValue.byteLength === 0) throw emptyValue(name, attribute.DataType);
    } else {
      if (!attribute.StringValue) throw emptyValue(name, attribute.DataType);
      if (INVALID_CHARACTER.test(attribute.StringValue)) {
        throw new SqsError('InvalidMessageContents', `Message (user) attribute '${name}' contains invalid characters.`);
      }
      if (attribute.DataType.startsWith('Number') && !isNumeric(attribute.StringValue)) {
        throw invalidParameter(`Can't cast the value of message (user) attribute '${name}' to a number.`);
      }
    }
  }
}

/** Body plus every attribute's name, type and value, in bytes: what MaximumMessageSize limits. */
export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    size += attribute.BinaryValue ? attribute.BinaryValue.byteLength : Buffer.byteLength(attribute.StringValue ?? '', 'utf8');
  }
  return size;
}

export function validateMessageSize(size: number, maximum: number): void {
  if (size > maximum) {
    throw invalidParameter(`One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`);
  }
}

/** Validates an integer request parameter against AWS's inclusive range. */
export function validateRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw outOfRange(name, value, min, max);
}

export const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The whole-batch checks AWS makes before looking at any entry. */
export function validateBatchEntries(entries: readonly { Id?: string | undefined }[] | undefined, entryName: string): void {
  if (!entries || entries.length === 0) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) {
      throw new SqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}

function emptyValue(name: string, dataType: string): SqsError {
  return invalidParameter(`Message (user) attribute '${name}' must contain a non-empty value of message attribute type '${dataType}'.`);
}

function isNumeric(value: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim());
}
