import { participant, type ActivityFeed } from '../activity/index.ts';
import type { ReceivedMessage } from './models.ts';

/** Reports a receive: redeliveries (a receive count above 1) are retries; messages past maxReceiveCount went to the dead-letter queue. */
export function reportReceive(
  activity: ActivityFeed,
  queueName: string,
  received: readonly ReceivedMessage[],
  redriven: readonly { body: string }[],
  deadLetter: string | undefined,
): void {
  const queue = participant.queue(queueName);
  for (const message of received) {
    const attempt = Number(message.attributes.ApproximateReceiveCount);
    if (attempt > 1) activity.report({ kind: 'retry', from: queue, to: queue, note: `receive ${attempt}`, payload: message.body });
  }
  if (redriven.length > 0 && deadLetter) {
    const bodies = redriven.map((message) => message.body);
    activity.report({ kind: 'dlq-move', from: queue, to: participant.queue(deadLetter), count: redriven.length, note: 'maxReceiveCount exceeded', payload: bodies });
  }
}
