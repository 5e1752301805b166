import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../identity.ts';
import { NUMERIC_ATTRIBUTES, parseRedrivePolicy, type NumericAttribute, type RedrivePolicy } from './attributes.ts';
import type { MessageAttributes } from './md5.ts';

/** A standard queue: its stored attributes and the behaviour derived from them. */
export class Queue {
  readonly id: number;
  readonly name: string;
  /** Settable attributes, defaults included (numbers as strings, as the API returns them). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** ms since epoch. */
  readonly createdAt: number;
  readonly modifiedAt: number;
  readonly redrivePolicy: RedrivePolicy | undefined;

  constructor(row: {
    id: number;
    name: string;
    attributes: Record<string, string>;
    tags: Record<string, string>;
    createdAt: number;
    modifiedAt: number;
  }) {
    this.id = row.id;
    this.name = row.name;
    this.attributes = row.attributes;
    this.tags = row.tags;
    this.createdAt = row.createdAt;
    this.modifiedAt = row.modifiedAt;
    const redrive = row.attributes.RedrivePolicy;
    this.redrivePolicy = redrive ? parseRedrivePolicy(redrive) : undefined;
  }

  number(name: NumericAttribute): number {
    const value = this.attributes[name];
    return value === undefined ? NUMERIC_ATTRIBUTES[name].default : Number(value);
  }

  get visibilityTimeout(): number {
    return this.number('VisibilityTimeout');
  }

  get delaySeconds(): number {
    return this.number('DelaySeconds');
  }

  get receiveWaitSeconds(): number {
    return this.number('ReceiveMessageWaitTimeSeconds');
  }

  get maximumMessageSize(): number {
    return this.number('MaximumMessageSize');
  }

  /** Messages sent at or before this instant have outlived MessageRetentionPeriod. */
  expiryCutoff(now: number): number {
    return now - this.number('MessageRetentionPeriod') * 1000;
  }

  /** True when a receive that would make this the `receiveCount`-th delivery must redrive instead. */
  exceedsMaxReceives(receiveCount: number): boolean {
    return this.redrivePolicy !== undefined && receiveCount > this.redrivePolicy.maxReceiveCount;
  }
}

/** A queue's name from its URL (any host), ARN or plain name. */
export function queueNameOf(queueRef: string): string {
  if (queueRef.startsWith('arn:')) return queueRef.slice(queueRef.lastIndexOf(':') + 1);
  if (queueRef.includes('://')) {
    const path = queueRef.slice(queueRef.indexOf('/', queueRef.indexOf('://') + 3)).split(/[?#]/, 1)[0] ?? '';
    return path.split('/').filter(Boolean).at(-1) ?? '';
  }
  return queueRef;
}

export type MessageState = 'visible' | 'inFlight' | 'delayed';

/** A message as it is written; `visibleAt` covers both the initial delay and the visibility timeout. */
export interface NewMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes: MessageAttributes | undefined;
  readonly md5OfBody: string;
  readonly md5OfAttributes: string | undefined;
  /** ms; kept when the message moves to a dead-letter queue, so retention counts from the first send. */
  readonly sentAt: number;
  readonly visibleAt: number;
}

/** One stored message. */
export interface StoredMessage extends NewMessage {
  readonly seq: number;
  readonly queueId: number;
  readonly receiveCount: number;
  readonly firstReceivedAt: number | undefined;
  /** The queue a dead letter was moved from (a message move task's default destination). */
  readonly deadLetterSource?: string | undefined;
}

export function messageState(message: Pick<StoredMessage, 'visibleAt' | 'receiveCount'>, now: number): MessageState {
  if (message.visibleAt <= now) return 'visible';
  return message.receiveCount === 0 ? 'delayed' : 'inFlight';
}

/** Visibility math: the instant a message hidden for `seconds` from `now` reappears. */
export function visibleAfter(now: number, seconds: number): number {
  return now + seconds * 1000;
}

/** What `SqsService.sendMessage` takes and answers. */
export interface SendMessageInput {
  body: string;
  /** Default: the queue's DelaySeconds. */
  delaySeconds?: number;
  messageAttributes?: MessageAttributes;
}

export interface SendMessageResult {
  messageId: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes?: string;
}

export interface ReceiveMessagesOptions {
  /** 1–10. Default 1. */
  maxNumberOfMessages?: number;
  /** Seconds the received messages stay hidden. Default: the queue's VisibilityTimeout. */
  visibilityTimeout?: number;
  /** 0–20. Default: the queue's ReceiveMessageWaitTimeSeconds. */
  waitTimeSeconds?: number;
  /** Aborting resolves a pending long poll with []. */
  signal?: AbortSignal;
}

/** A delivered message, shaped like the SDK's `Message` but with camel-case keys for internal callers. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    SenderId: string;
    ApproximateFirstReceiveTimestamp: string;
  };
  messageAttributes: MessageAttributes;
  md5OfMessageAttributes?: string;
}

export function toReceivedMessage(message: StoredMessage, receiptHandle: string): ReceivedMessage {
  const received: ReceivedMessage = {
    messageId: message.id,
    receiptHandle,
    body: message.body,
    md5OfBody: message.md5OfBody,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: LOCAL_ACCOUNT_ID,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    },
    messageAttributes: message.attributes ?? {},
  };
  if (message.md5OfAttributes) received.md5OfMessageAttributes = message.md5OfAttributes;
  return received;
}

/**
 * A receipt handle names the queue and message plus a fresh nonce, so every receive yields a new
 * handle. Like SQS, any handle issued for a message stays usable while the message exists.
 */
export function newReceiptHandle(queueName: string, messageId: string): string {
  return Buffer.from(`${queueName} ${messageId} ${randomUUID()}`, 'utf8').toString('base64');
}

const HANDLE = /^([A-Za-z0-9_-]{1,80}) ([0-9a-f-]{36}) [0-9a-f-]{36}$/;

/** The queue and message a handle refers to, or undefined when it is not one we issued. */
export function decodeReceiptHandle(handle: string): { queueName: string; messageId: string } | undefined {
  if (handle.length === 0 || handle.length > 400) return undefined;
  const match = HANDLE.exec(Buffer.from(handle, 'base64').toString('utf8'));
  if (!match?.[1] || !match[2]) return undefined;
  return { queueName: match[1], messageId: match[2] };
}
