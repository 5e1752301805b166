import type { MessageAttributeValue as SdkMessageAttributeValue } from '@aws-sdk/client-sqs';
import { quoteValue } from '../protocol/errors.ts';
import { invalidParameter, missingParameter } from './errors.ts';
import type { MessageAttributes } from './md5.ts';

/** One operation's raw JSON input. */
export type Input = Record<string, unknown>;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidType(name, value);
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
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalidType(name, value);
  return number;
}

export function stringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalidType(name, value);
  return value as string[];
}

export function stringMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(name, value);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidType(`${name}.${key}`, item);
  }
  return value as Record<string, string>;
}

/** A batch's entries, each a JSON object; whole-batch rules are checked by the caller. */
export function entryList(input: Input, name: string): Input[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) throw invalidType(name, value);
  return value as Input[];
}

/** JSON message attributes (binary values base64) → the SDK's shape. */
export function messageAttributes(input: Input, name = 'MessageAttributes'): MessageAttributes | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(name, value);
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
