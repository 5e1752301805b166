import { randomUUID } from 'node:crypto';
import { participant, type ActivityFeed } from '../activity/index.ts';
import { arn, LOCAL_ACCOUNT_ID } from '../identity.ts';
import type { StateDb } from '../state/db.ts';
import { defaultQueueAttributes, validateAttributeNames, validateQueueAttributes } from './attributes.ts';
import { invalidParameter, queueDoesNotExist, receiptHandleIsInvalid, SqsError } from './errors.ts';
import { md5OfBody, md5OfMessageAttributes } from './md5.ts';
import {
  decodeReceiptHandle,
  messageState,
  queueNameOf,
  visibleAfter,
  type Queue,
  type ReceivedMessage,
  type ReceiveMessagesOptions,
  type SendMessageInput,
  type SendMessageResult,
} from './models.ts';
import { reportReceive } from './activity.ts';
import { MessageMoveTasks, type MoveTask } from './move-tasks.ts';
import { checkMoveTask } from './move-task-input.ts';
import { receiveVisible } from './receive.ts';
import { SqsStore } from './state.ts';
import { validateBody, validateDelay, validateMessageAttributes, validateMessageSize, validateQueueName, validateRange, messageSize } from './validation.ts';
import { LongPollWaiters } from './waiters.ts';

export interface SqsServiceOptions {
  /** The local cloud's state database; the service adds its `sqs_` tables. */
  db: StateDb;
  /** Base URL queue URLs are built on, e.g. `http://127.0.0.1:4566`. */
  endpoint: () => string;
  /** ms clock. Default: `Date.now`. */
  now?: () => number;
  /** Where sends, redeliveries and dead-letter moves are reported (the dashboard's feed). Default none. */
  activity?: ActivityFeed;
}

/** Purges closer together than this fail with PurgeQueueInProgress, as on AWS. */
const PURGE_INTERVAL_MS = 60_000;
/** Expired messages are filtered on every read and physically deleted at most this often per queue. */
const EXPIRY_SWEEP_MS = 1_000;
/** Queues nobody receives from (a DLQ) still drop expired messages from disk this often. */
const BACKGROUND_SWEEP_MS = 60_000;

/**
 * The local SQS: standard queues kept in the shared SQLite state database, so nothing
 * acknowledged is lost on a crash. The AWS JSON endpoint (`createSqsApi`) and the rest of the
 * local cloud (EventBridge targets, the Lambda event-source poller, the inspector) call it directly.
 *
 * @example
 * const sqs = new SqsService({ db: openStateDb(':memory:'), endpoint: () => 'http://127.0.0.1:4566' });
 * sqs.createQueue('orders-dlq');
 * sqs.createQueue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.queueArn('orders-dlq'), maxReceiveCount: 3 }) });
 * sqs.sendMessage('orders', { body: '{"orderId":"o-1"}' });
 * const [message] = await sqs.receiveMessages('orders', { waitTimeSeconds: 20 });
 * if (message) sqs.deleteMessage('orders', message.receiptHandle);
 */
export class SqsService {
  private readonly store: SqsStore;
  private readonly endpoint: () => string;
  private readonly now: () => number;
  private readonly queues = new Map<string, Queue>();
  private readonly waiters: LongPollWaiters;
  /**
   * By queue id; SQLite reuses the id of a deleted queue, so deleteQueue clears both: a new queue
   * must not inherit its predecessor's purge time (a PurgeQueueInProgress on a brand-new queue).
   */
  private readonly lastPurge = new Map<number, number>();
  private readonly lastSweep = new Map<number, number>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly activity: ActivityFeed | undefined;
  private readonly moves: MessageMoveTasks;

  constructor(options: SqsServiceOptions) {
    this.store = new SqsStore(options.db);
    this.endpoint = options.endpoint;
    this.now = options.now ?? Date.now;
    this.activity = options.activity;
    this.moves = new MessageMoveTasks({
      store: this.store,
      queue: (name) => this.findQueue(name),
      queueArn: (name) => this.queueArn(name),
      notify: (queueId) => this.waiters.notify(queueId),
      now: this.now,
      activity: this.activity,
    });
    for (const queue of this.store.queues()) this.queues.set(queue.name, queue);
    this.waiters = new LongPollWaiters({ now: this.now, nextVisibleAt: (queueId, after) => this.store.nextVisibleAt(queueId, after) });
    this.sweeper = setInterval(() => this.sweepExpiredMessages(), BACKGROUND_SWEEP_MS);
    this.sweeper.unref();
  }

  /** Deletes every queue's messages past their retention period; returns how many. */
  sweepExpiredMessages(): number {
    const now = this.now();
    let deleted = 0;
    for (const queue of this.queues.values()) {
      this.lastSweep.set(queue.id, now);
      deleted += this.store.expire(queue.id, queue.expiryCutoff(now));
    }
    return deleted;
  }

  /** Creates a standard queue and returns its URL; repeating it with equal attributes is a no-op. */
  createQueue(name: string, attributes: Record<string, string> = {}, tags: Record<string, string> = {}): string {
    validateQueueName(name);
    const requested = validateQueueAttributes(attributes);
    this.checkRedriveTarget(requested);
    const existing = this.findQueue(name);
    if (existing) {
      for (const [key, value] of Object.entries(requested)) {
        if ((existing.attributes[key] ?? '') !== value) {
          throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${key}`, { queueName: name });
        }
      }
      return this.urlOf(name);
    }
    const initial = withoutRemovals({ ...defaultQueueAttributes(), ...requested });
    this.queues.set(name, this.store.insertQueue(name, initial, tags, this.now()));
    return this.urlOf(name);
  }

  queueUrl(name: string): string {
    return this.urlOf(this.queue(name).name);
  }

  /** The queue's ARN; does not check that the queue exists. */
  queueArn(nameOrUrlOrArn: string): string {
    return arn('sqs', this.resolveName(nameOrUrlOrArn));
  }

  /** Accepts a queue URL (any host), ARN or plain name. */
  resolveName(queueRef: string): string {
    return queueNameOf(queueRef);
  }

  listQueues(prefix = ''): string[] {
    return [...this.queues.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  /** Names of the queues whose RedrivePolicy targets this queue. */
  deadLetterSourceQueues(queueRef: string): string[] {
    const target = this.queue(queueRef).name;
    return [...this.queues.values()]
      .filter((queue) => queue.redrivePolicy && this.resolveName(queue.redrivePolicy.deadLetterTargetArn) === target)
      .map((queue) => queue.name)
      .sort();
  }

  deleteQueue(queueRef: string): void {
    const queue = this.queue(queueRef);
    this.store.deleteQueue(queue.id);
    this.queues.delete(queue.name);
    this.lastPurge.delete(queue.id);
    this.lastSweep.delete(queue.id);
    this.waiters.release(queue.id);
    this.moves.forget(queue.name);
  }

  /** All attributes (or the named ones), computed counts included, as GetQueueAttributes returns them. */
  getQueueAttributes(queueRef: string, names: readonly string[] = ['All']): Record<string, string> {
    validateAttributeNames(names);
    const queue = this.queue(queueRef);
    const counts = this.stats(queue.name);
    const all: Record<string, string> = {
      QueueArn: this.queueArn(queue.name),
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.modifiedAt / 1000)),
      ...queue.attributes,
    };
    if (names.includes('All')) return all;
    const selected: Record<string, string> = {};
    for (const name of names) if (all[name] !== undefined) selected[name] = all[name];
    return selected;
  }

  setQueueAttributes(queueRef: string, attributes: Record<string, string>): void {
    const queue = this.queue(queueRef);
    const changes = validateQueueAttributes(attributes);
    this.checkRedriveTarget(changes);
    const updated = this.store.updateQueue(queue, withoutRemovals({ ...queue.attributes, ...changes }), { ...queue.tags }, this.now());
    this.queues.set(queue.name, updated);
    this.waiters.notify(queue.id);
  }

  queueTags(queueRef: string): Record<string, string> {
    return { ...this.queue(queueRef).tags };
  }

  tagQueue(queueRef: string, tags: Record<string, string>, removeKeys: readonly string[] = []): void {
    const queue = this.queue(queueRef);
    const next: Record<string, string> = { ...queue.tags, ...tags };
    for (const key of removeKeys) delete next[key];
    this.queues.set(queue.name, this.store.updateQueue(queue, { ...queue.attributes }, next, queue.modifiedAt));
  }

  /** Synchronous so callers can enqueue inside their own db.transaction(). */
  sendMessage(queueRef: string, message: SendMessageInput): SendMessageResult {
    const queue = this.queue(queueRef);
    validateBody(message.body);
    const delay = message.delaySeconds ?? queue.delaySeconds;
    validateDelay(delay);
    const attributes = message.messageAttributes && Object.keys(message.messageAttributes).length > 0 ? message.messageAttributes : undefined;
    if (attributes) validateMessageAttributes(attributes);
    validateMessageSize(messageSize(message.body, attributes), queue.maximumMessageSize);
    const now = this.now();
    const result: SendMessageResult = { messageId: randomUUID(), md5OfMessageBody: md5OfBody(message.body) };
    const md5OfAttributes = md5OfMessageAttributes(attributes);
    if (md5OfAttributes) result.md5OfMessageAttributes = md5OfAttributes;
    this.store.insertMessage(queue.id, {
      id: result.messageId,
      body: message.body,
      attributes,
      md5OfBody: result.md5OfMessageBody,
      md5OfAttributes,
      sentAt: now,
      visibleAt: visibleAfter(now, delay),
    });
    this.waiters.notify(queue.id);
    this.activity?.report({ kind: 'queue-send', from: '', to: participant.queue(queue.name), payload: message.body });
    return result;
  }

  /** Long-polls up to waitTimeSeconds (default: the queue's ReceiveMessageWaitTimeSeconds); resolves early on enqueue/visibility expiry; returns [] if signal aborts. */
  async receiveMessages(queueRef: string, options: ReceiveMessagesOptions = {}): Promise<ReceivedMessage[]> {
    const queue = this.queue(queueRef);
    const max = options.maxNumberOfMessages ?? 1;
    validateRange('MaxNumberOfMessages', max, 1, 10);
    if (options.visibilityTimeout !== undefined) validateRange('VisibilityTimeout', options.visibilityTimeout, 0, 43_200);
    const wait = options.waitTimeSeconds ?? queue.receiveWaitSeconds;
    validateRange('WaitTimeSeconds', wait, 0, 20);
    const attempt = () => this.receiveNow(queue.name, max, options.visibilityTimeout);
    const attemptedAt = this.now();
    const messages = attempt();
    if (messages.length > 0 || wait === 0) return messages;
    return this.waiters.wait(queue.id, wait * 1000, attempt, options.signal, attemptedAt);
  }

  deleteMessage(queueRef: string, receiptHandle: string): void {
    const queue = this.queue(queueRef);
    const handle = decodeReceiptHandle(receiptHandle);
    if (!handle || handle.queueName !== queue.name) throw receiptHandleIsInvalid(receiptHandle);
    // a handle of an already deleted message succeeds, as on AWS
    this.store.deleteMessage(queue.id, handle.messageId);
  }

  changeMessageVisibility(queueRef: string, receiptHandle: string, visibilityTimeoutSeconds: number): void {
    validateRange('VisibilityTimeout', visibilityTimeoutSeconds, 0, 43_200);
    const queue = this.queue(queueRef);
    const handle = decodeReceiptHandle(receiptHandle);
    if (!handle || handle.queueName !== queue.name) throw receiptHandleIsInvalid(receiptHandle);
    const message = this.store.message(queue.id, handle.messageId);
    if (!message) {
      throw invalidParameter(`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
    }
    const now = this.now();
    // AWS ignores the change for a message that is no longer in flight
    if (messageState(message, now) !== 'inFlight') return;
    this.store.setVisibleAt(message.seq, visibleAfter(now, visibilityTimeoutSeconds));
    this.waiters.notify(queue.id);
  }

  purgeQueue(queueRef: string): void {
    const queue = this.queue(queueRef);
    const now = this.now();
    const last = this.lastPurge.get(queue.id);
    if (last !== undefined && now - last < PURGE_INTERVAL_MS) {
      throw new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, { queueName: queue.name });
    }
    this.store.purge(queue.id);
    this.lastPurge.set(queue.id, now);
  }

  /** StartMessageMoveTask: moves a dead-letter queue's messages back to their source queues (or to `destinationArn`); returns the task handle. */
  startMessageMoveTask(sourceArn: string, destinationArn?: string, maxNumberOfMessagesPerSecond?: number): string {
    const { source, destination } = checkMoveTask(sourceArn, destinationArn, maxNumberOfMessagesPerSecond, {
      queue: (name) => this.findQueue(this.resolveName(name)),
      isDeadLetterQueue: (name) => this.deadLetterSourceQueues(name).length > 0,
    });
    return this.moves.start(source, destination, maxNumberOfMessagesPerSecond);
  }

  /** ListMessageMoveTasks: the source queue's tasks, most recent first (default the last one). */
  listMessageMoveTasks(sourceArn: string, maxResults = 1): readonly MoveTask[] {
    validateRange('MaxResults', maxResults, 1, 10);
    const source = this.findQueue(this.resolveName(sourceArn));
    if (!source) throw new SqsError('ResourceNotFoundException', "The resource that you specified for the SourceArn parameter doesn't exist.");
    return this.moves.list(source, maxResults);
  }

  /** CancelMessageMoveTask: returns how many messages the task had moved. */
  cancelMessageMoveTask(taskHandle: string): number {
    return this.moves.cancel(taskHandle);
  }

  stats(queueRef: string): { visible: number; inFlight: number; delayed: number } {
    const queue = this.queue(queueRef);
    const now = this.now();
    return this.store.counts(queue.id, now, queue.expiryCutoff(now));
  }

  /**
   * `settled()`'s view: every queue holding a visible, in-flight or delayed message, with its
   * counts, except dead-letter queues (those some queue's RedrivePolicy targets): failures rest there.
   */
  busyQueues(): { queue: string; visible: number; inFlight: number; delayed: number }[] {
    const deadLetterQueues = new Set([...this.queues.values()].flatMap((queue) => (queue.redrivePolicy ? [this.resolveName(queue.redrivePolicy.deadLetterTargetArn)] : [])));
    return this.listQueues()
      .filter((name) => !deadLetterQueues.has(name))
      .map((name) => ({ queue: name, ...this.stats(name) }))
      .filter(({ visible, inFlight, delayed }) => visible + inFlight + delayed > 0);
  }

  /** Resolves all pending long polls with []; the database stays open (it is shared). */
  close(): void {
    clearInterval(this.sweeper);
    this.waiters.close();
    this.moves.close();
  }

  private receiveNow(queueName: string, max: number, visibilityTimeout: number | undefined): ReceivedMessage[] {
    const queue = this.queue(queueName);
    const now = this.now();
    this.sweepExpired(queue, now);
    const deadLetter = queue.redrivePolicy ? this.findQueue(this.resolveName(queue.redrivePolicy.deadLetterTargetArn)) : undefined;
    const { received, redriven } = receiveVisible(this.store, { queue, deadLetter, max, visibilityTimeout, now });
    if (redriven.length > 0 && deadLetter) this.waiters.notify(deadLetter.id);
    if (this.activity) reportReceive(this.activity, queue.name, received, redriven, deadLetter?.name);
    return received;
  }

  private sweepExpired(queue: Queue, now: number): void {
    const last = this.lastSweep.get(queue.id) ?? 0;
    if (now - last < EXPIRY_SWEEP_MS) return;
    this.lastSweep.set(queue.id, now);
    this.store.expire(queue.id, queue.expiryCutoff(now));
  }

  private checkRedriveTarget(attributes: Record<string, string>): void {
    const policy = attributes.RedrivePolicy;
    if (!policy) return;
    const target = (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn;
    if (!this.findQueue(this.resolveName(target))) {
      throw invalidParameter(`Value ${policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`);
    }
  }

  private queue(queueRef: string): Queue {
    const name = this.resolveName(queueRef);
    const queue = this.findQueue(name);
    if (!queue) throw queueDoesNotExist(name);
    return queue;
  }

  /** Cached; falls back to the database for queues another SqsService on the same file created. */
  private findQueue(name: string): Queue | undefined {
    const cached = this.queues.get(name);
    if (cached) return cached;
    const stored = this.store.queue(name);
    if (stored) this.queues.set(name, stored);
    return stored;
  }

  private urlOf(name: string): string {
    return `${this.endpoint().replace(/\/+$/, '')}/${LOCAL_ACCOUNT_ID}/${name}`;
  }
}

/** `''` removes an optional attribute (RedrivePolicy, Policy) instead of storing it. */
function withoutRemovals(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== ''));
}
