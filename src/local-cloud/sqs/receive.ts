import { newReceiptHandle, toReceivedMessage, visibleAfter, type Queue, type ReceivedMessage, type StoredMessage } from './models.ts';
import type { SqsStore } from './state.ts';

export interface ReceiveRequest {
  readonly queue: Queue;
  /** The queue's redrive target, when it has one that exists. */
  readonly deadLetter: Queue | undefined;
  readonly max: number;
  /** Default: the queue's VisibilityTimeout. */
  readonly visibilityTimeout: number | undefined;
  readonly now: number;
}

/**
 * One receive in one transaction: takes up to `max` visible, unexpired messages, hides them and
 * counts the receive — or moves a message to the dead-letter queue when this receive would exceed
 * maxReceiveCount (it keeps its id, send time and receive count there).
 */
export function receiveVisible(store: SqsStore, request: ReceiveRequest): ReceiveOutcome {
  return store.inTransaction(() => receiveInTransaction(store, request));
}

export interface ReceiveOutcome {
  readonly received: ReceivedMessage[];
  /** The messages moved to the dead-letter queue instead. */
  readonly redriven: StoredMessage[];
}

function receiveInTransaction(store: SqsStore, request: ReceiveRequest): ReceiveOutcome {
  const { queue, deadLetter, max, now } = request;
  const hideUntil = visibleAfter(now, request.visibilityTimeout ?? queue.visibilityTimeout);
  const cutoff = queue.expiryCutoff(now);
  const received: ReceivedMessage[] = [];
  const redriven: StoredMessage[] = [];
  // with VisibilityTimeout 0 a received message stays a candidate; never hand it out twice
  const seen = new Set<number>();
  for (;;) {
    let movedThisRound = 0;
    for (const message of store.candidates(queue.id, now, cutoff, max - received.length)) {
      if (seen.has(message.seq)) continue;
      seen.add(message.seq);
      const receiveCount = message.receiveCount + 1;
      if (deadLetter && queue.exceedsMaxReceives(receiveCount)) {
        store.move(message.seq, deadLetter.id, now, queue.name);
        redriven.push(message);
        movedThisRound++;
        continue;
      }
      const firstReceivedAt = message.firstReceivedAt ?? now;
      store.markReceived(message.seq, hideUntil, receiveCount, firstReceivedAt);
      received.push(toReceivedMessage({ ...message, receiveCount, firstReceivedAt }, newReceiptHandle(queue.name, message.id)));
    }
    // only messages moved to the dead-letter queue free room for another round
    if (movedThisRound === 0 || received.length >= max) break;
  }
  return { received, redriven };
}
