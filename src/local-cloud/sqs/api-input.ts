import type { MessageAttributeValue as SdkMessageAttributeValue } from '@aws-sdk/client-sqs';
import { quoteValue } from '../protocol/errors.ts';
import { wireInputReader, type Input } from '../protocol/wire-input.ts';
import { invalidParameter, missingParameter } from './errors.ts';
import type { MessageAttributes } from './md5.ts';

export type { Input };

const read = wireInputReader(
  { wrongType: (path, _expected, value) => invalidType(path, value), missing: (path) => missingParameter(path) },
  { integersFromStrings: true },
);

export const { optionalString, requiredString, optionalInteger, optionalStringList, optionalStringMap, objectList } = read;

/** JSON message attributes (binary values base64) → the SDK's shape. */
export function messageAttributes(input: Input, name = 'MessageAttributes'): MessageAttributes | undefined {
  const value = read.optionalObject(input, name);
  if (value === undefined) return undefined;
  const attributes: MessageAttributes = {};
  for (const [key, raw] of Object.entries(value as Record<string, SdkMessageAttributeJson>)) {
    if (typeof raw !== 'object' || raw === null) throw invalidType(`${name}.${key}`, raw);
    if (raw.StringListValues?.length || raw.BinaryListValues?.length) {
      throw invalidParameter(`Message attribute list values in ${key} are not supported (AWS reserves them for future use).`);
    }
    attributes[key] = {
      DataType: typeof raw.DataType === 'string' ? raw.DataType : '',
      ...(typeof raw.StringValue === 'string' ? { StringValue: raw.StringValue } : {}),
      ...(typeof raw.BinaryValue === 'string' ? { BinaryValue: Buffer.from(raw.BinaryValue, 'base64') } : {}),
    };
  }
  return attributes;
}

/** The SDK's message attribute on the wire: binary values are base64 strings. */
type SdkMessageAttributeJson = Omit<SdkMessageAttributeValue, 'BinaryValue' | 'BinaryListValues'> & {
  BinaryValue?: string;
  BinaryListValues?: string[];
};

export function messageAttributesToJson(attributes: MessageAttributes): Record<string, SdkMessageAttributeJson> {
  const json: Record<string, SdkMessageAttributeJson> = {};
  for (const [name, value] of Object.entries(attributes)) {
    json[name] = value.BinaryValue
      ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
      : { DataType: value.DataType, StringValue: value.StringValue };
  }
  return json;
}

function invalidType(name: string, value: unknown) {
  return invalidParameter(`Value ${quoteValue(value)} for parameter ${name} is invalid.`);
}
