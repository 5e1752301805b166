import type { SQSRecord } from 'aws-lambda';
import { localRegion } from '../../identity.ts';
import type { ReceivedMessage } from '../../sqs/index.ts';

/** A received message in the shape Lambda hands to an SQS-triggered function. */
export function toSqsRecord(message: ReceivedMessage, queueArn: string): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.messageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: message.attributes,
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes !== undefined && { md5OfMessageAttributes: message.md5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: localRegion(),
  } as SQSRecord;
}

/** What SQS filter criteria see: the record with its body parsed when it is a JSON object (as Lambda does). */
export function sqsFilterView(record: SQSRecord): unknown {
  let body: unknown = record.body;
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed === 'object' && parsed !== null) body = parsed;
  } catch {
    // a plain-text body is matched as a string
  }
  return { ...record, body };
}
