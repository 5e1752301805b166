import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityCommandInput,
  DeleteMessageBatchResult,
  DeleteMessageCommandInput,
  ReceiveMessageCommandInput,
  SendMessageBatchResult,
  SendMessageBatchResultEntry,
  SendMessageCommandInput,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { objectList, messageAttributes, messageAttributesToJson, optionalInteger, requiredString, optionalStringList, type Input } from './api-input.ts';
import { isSqsError, missingParameter, SqsError } from './errors.ts';
import { md5OfMessageAttributes, type MessageAttributes } from './md5.ts';
import type { ReceivedMessage } from './models.ts';
import type { SqsService } from './service.ts';
import { messageSize, validateBatchEntries } from './validation.ts';

/** AWS: all messages of one SendMessageBatch together may not exceed 1 MiB. */
const MAX_BATCH_BYTES = 1_048_576;

export function messageOperations(sqs: SqsService): Record<string, (input: Input) => unknown> {
  const send = (queueUrl: string, raw: Input): SendMessageResult => {
    const input: SendMessageCommandInput = {
      QueueUrl: queueUrl,
      MessageBody: requiredString(raw, 'MessageBody'),
      DelaySeconds: optionalInteger(raw, 'DelaySeconds'),
      MessageAttributes: messageAttributes(raw),
    };
    const sent = sqs.sendMessage(queueUrl, {
      body: input.MessageBody as string,
      delaySeconds: input.DelaySeconds,
      messageAttributes: input.MessageAttributes as MessageAttributes | undefined,
    });
    return { MessageId: sent.messageId, MD5OfMessageBody: sent.md5OfMessageBody, MD5OfMessageAttributes: sent.md5OfMessageAttributes };
  };

  return {
    SendMessage: (raw) => send(requiredString(raw, 'QueueUrl'), raw),

    SendMessageBatch: (raw): SendMessageBatchResult => {
      const queueUrl = requiredString(raw, 'QueueUrl');
      const entries = objectList(raw, 'Entries');
      validateBatchEntries(entries as { Id?: string }[], 'SendMessageBatchRequestEntry');
      let total = 0;
      for (const entry of entries) {
        const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
        total += messageSize(body, safeAttributes(entry));
      }
      if (total > MAX_BATCH_BYTES) {
        throw new SqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${total} bytes.`);
      }
      return runBatch(entries, (entry, id): SendMessageBatchResultEntry => {
        const sent = send(queueUrl, entry);
        return { Id: id, MessageId: sent.MessageId, MD5OfMessageBody: sent.MD5OfMessageBody, MD5OfMessageAttributes: sent.MD5OfMessageAttributes };
      });
    },

    ReceiveMessage: async (raw) => {
      const input: ReceiveMessageCommandInput = {
        QueueUrl: requiredString(raw, 'QueueUrl'),
        AttributeNames: optionalStringList(raw, 'AttributeNames') as ReceiveMessageCommandInput['AttributeNames'],
        MessageSystemAttributeNames: optionalStringList(raw, 'MessageSystemAttributeNames') as ReceiveMessageCommandInput['MessageSystemAttributeNames'],
        MessageAttributeNames: optionalStringList(raw, 'MessageAttributeNames'),
        MaxNumberOfMessages: optionalInteger(raw, 'MaxNumberOfMessages'),
        VisibilityTimeout: optionalInteger(raw, 'VisibilityTimeout'),
        WaitTimeSeconds: optionalInteger(raw, 'WaitTimeSeconds'),
      };
      const received = await sqs.receiveMessages(input.QueueUrl as string, {
        maxNumberOfMessages: input.MaxNumberOfMessages,
        visibilityTimeout: input.VisibilityTimeout,
        waitTimeSeconds: input.WaitTimeSeconds,
      });
      if (received.length === 0) return {};
      const systemNames = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
      return { Messages: received.map((message) => toWireMessage(message, systemNames, input.MessageAttributeNames ?? [])) };
    },

    DeleteMessage: (raw) => {
      const input: DeleteMessageCommandInput = { QueueUrl: requiredString(raw, 'QueueUrl'), ReceiptHandle: requiredString(raw, 'ReceiptHandle') };
      sqs.deleteMessage(input.QueueUrl as string, input.ReceiptHandle as string);
      return {};
    },

    DeleteMessageBatch: (raw): DeleteMessageBatchResult => {
      const queueUrl = requiredString(raw, 'QueueUrl');
      const entries = objectList(raw, 'Entries');
      validateBatchEntries(entries as { Id?: string }[], 'DeleteMessageBatchRequestEntry');
      return runBatch(entries, (entry, id) => {
        sqs.deleteMessage(queueUrl, requiredString(entry, 'ReceiptHandle'));
        return { Id: id };
      });
    },

    ChangeMessageVisibility: (raw) => {
      const input: ChangeMessageVisibilityCommandInput = {
        QueueUrl: requiredString(raw, 'QueueUrl'),
        ReceiptHandle: requiredString(raw, 'ReceiptHandle'),
        VisibilityTimeout: requiredInteger(raw, 'VisibilityTimeout'),
      };
      sqs.changeMessageVisibility(input.QueueUrl as string, input.ReceiptHandle as string, input.VisibilityTimeout as number);
      return {};
    },

    ChangeMessageVisibilityBatch: (raw): ChangeMessageVisibilityBatchResult => {
      const queueUrl = requiredString(raw, 'QueueUrl');
      const entries = objectList(raw, 'Entries');
      validateBatchEntries(entries as { Id?: string }[], 'ChangeMessageVisibilityBatchRequestEntry');
      return runBatch(entries, (entry, id) => {
        sqs.changeMessageVisibility(queueUrl, requiredString(entry, 'ReceiptHandle'), requiredInteger(entry, 'VisibilityTimeout'));
        return { Id: id };
      });
    },
  };
}

/** Runs each entry on its own: SQS errors become per-entry failures, anything else fails the call. */
function runBatch<T>(entries: Input[], run: (entry: Input, id: string) => T): { Successful: T[]; Failed: BatchResultErrorEntry[] } {
  const Successful: T[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    const id = entry.Id as string;
    try {
      Successful.push(run(entry, id));
    } catch (error) {
      if (!isSqsError(error)) throw error;
      // a missing queue fails the whole batch, as on AWS
      if (error.code === 'QueueDoesNotExist') throw error;
      Failed.push({ Id: id, SenderFault: true, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function requiredInteger(input: Input, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

/** Attributes for the size check only; malformed ones fail later, per entry. */
function safeAttributes(entry: Input): MessageAttributes | undefined {
  try {
    return messageAttributes(entry);
  } catch {
    return undefined;
  }
}

const SYSTEM_ATTRIBUTES = ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp'] as const;

/** Shapes a delivery as ReceiveMessage returns it: only the asked-for attributes, MD5 over those returned. */
function toWireMessage(message: ReceivedMessage, systemNames: readonly string[], attributeNames: readonly string[]) {
  const all = systemNames.includes('All');
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) if (all || systemNames.includes(name)) attributes[name] = message.attributes[name];
  const selected = selectMessageAttributes(message.messageAttributes, attributeNames);
  const md5 = selected === message.messageAttributes ? message.md5OfMessageAttributes : md5OfMessageAttributes(selected);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: messageAttributesToJson(selected) } : {}),
  };
}

function selectMessageAttributes(attributes: MessageAttributes, names: readonly string[]): MessageAttributes {
  if (names.includes('All') || names.includes('.*')) return attributes;
  const prefixes = names.filter((name) => name.endsWith('.*')).map((name) => name.slice(0, -1));
  const selected: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) selected[name] = value;
  }
  return selected;
}
