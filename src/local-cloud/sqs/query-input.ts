import type { QueryParams } from '../protocol/query-params.ts';
import type { Input } from './api-input.ts';

/** Parameters of the query protocol itself (and of signing), not of any operation. */
const PROTOCOL_PARAMS = new Set(['Action', 'Version', 'AWSAccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp', 'Expires', 'SecurityToken']);

/**
 * Query list and map names → the JSON member they fill. The first name is what AWS's query
 * serializers write (the model's flattened `locationName`, e.g. `AttributeName.1`); the others are
 * the member names a wrapped serializer uses (`AttributeNames.member.1`).
 */
const STRING_LISTS: Record<string, readonly string[]> = {
  AttributeNames: ['AttributeName', 'AttributeNames'],
  MessageAttributeNames: ['MessageAttributeName', 'MessageAttributeNames'],
  MessageSystemAttributeNames: ['MessageSystemAttributeName', 'MessageSystemAttributeNames'],
  TagKeys: ['TagKey', 'TagKeys'],
};

/** A queue URL path (`/000000000000/orders`): older SDKs post an operation to its queue's URL. */
export const QUEUE_PATH = /^\/\d{12}\/([^/]+)\/?$/;

/**
 * Turns an SQS query request into the input the JSON API takes, so both faces share one set of
 * operations, validations and errors.
 *
 * @example
 * sqsJsonInput('SendMessage', QueryParams.parse('QueueUrl=…&MessageBody=hi&MessageAttribute.1.Name=a&…'), '/')
 * // { QueueUrl: '…', MessageBody: 'hi', MessageAttributes: { a: { DataType: 'String', StringValue: '1' } } }
 */
export function sqsJsonInput(action: string, params: QueryParams, path: string): Input {
  const input = structure(params);
  for (const name of PROTOCOL_PARAMS) delete input[name];
  const attributes = params.map(['Attribute', 'Attributes']);
  if (attributes) input.Attributes = attributes;
  // CreateQueue's member is `tags` (lower case), TagQueue's `Tags`; both are written `Tag.N.Key`.
  const tags = params.map(['Tag', 'Tags', 'tags']);
  if (tags) input[action === 'CreateQueue' ? 'tags' : 'Tags'] = tags;
  const entries = params.list([`${action}RequestEntry`, 'Entries']);
  if (entries) input.Entries = entries.map(structure);
  const queue = QUEUE_PATH.exec(path)?.[1];
  if (input.QueueUrl === undefined && queue !== undefined) input.QueueUrl = decodeURIComponent(queue);
  return input;
}

/** The scalars, string lists and message attributes of one structure (the request or a batch entry). */
function structure(params: QueryParams): Input {
  const input: Input = {};
  for (const name of params.names()) if (name !== '' && !name.includes('.')) input[name] = params.get(name);
  for (const [member, names] of Object.entries(STRING_LISTS)) {
    const values = params.strings(names);
    if (values) input[member] = values;
  }
  const messageAttributes = params.mapEntries(['MessageAttribute', 'MessageAttributes']);
  if (messageAttributes) {
    input.MessageAttributes = Object.fromEntries(messageAttributes.map(({ key, value }) => [key, messageAttributeValue(value)]));
  }
  return input;
}

/** A query message attribute value (binary values are base64 in both protocols). */
function messageAttributeValue(value: QueryParams): Input {
  const json: Input = {};
  for (const member of ['DataType', 'StringValue', 'BinaryValue']) {
    const text = value.get(member);
    if (text !== undefined) json[member] = text;
  }
  const stringList = value.strings(['StringListValue', 'StringListValues']);
  if (stringList?.length) json.StringListValues = stringList;
  const binaryList = value.strings(['BinaryListValue', 'BinaryListValues']);
  if (binaryList?.length) json.BinaryListValues = binaryList;
  return json;
}
