import { createHash } from 'node:crypto';

/** A message attribute in the SDK's shape (`@aws-sdk/client-sqs` `MessageAttributeValue`, list values unsupported). */
export interface MessageAttributeValue {
  /** `String`, `Number` or `Binary`, optionally followed by `.customLabel`. */
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** `MD5OfMessageBody` / `MD5OfBody`: hex MD5 of the body's UTF-8 bytes. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

/**
 * `MD5OfMessageAttributes` as AWS computes it: attributes sorted by name, each encoded as
 * length-prefixed (4-byte big-endian) name and data type, one transport byte (1 string/number,
 * 2 binary) and the length-prefixed value. Undefined when there are no attributes.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes | undefined): string | undefined {
  if (!attributes) return undefined;
  // AWS sorts by code point, not locale; default sort compares UTF-16 units, equal for the allowed name characters.
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name] as MessageAttributeValue;
    updateLengthPrefixed(hash, Buffer.from(name, 'utf8'));
    updateLengthPrefixed(hash, Buffer.from(attribute.DataType, 'utf8'));
    if (isBinaryType(attribute.DataType)) {
      hash.update(Uint8Array.of(BINARY_TRANSPORT));
      updateLengthPrefixed(hash, attribute.BinaryValue ?? new Uint8Array());
    } else {
      hash.update(Uint8Array.of(STRING_TRANSPORT));
      updateLengthPrefixed(hash, Buffer.from(attribute.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

/** `Binary` or `Binary.label`; everything else travels as a string. */
export function isBinaryType(dataType: string): boolean {
  return dataType === 'Binary' || dataType.startsWith('Binary.');
}

function updateLengthPrefixed(hash: ReturnType<typeof createHash>, bytes: Uint8Array): void {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.byteLength, 0);
  hash.update(length);
  hash.update(bytes);
}
