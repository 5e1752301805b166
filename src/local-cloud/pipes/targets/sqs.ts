import type { QueueSender } from '../../delivery/ports.ts';
import type { PipeTargetDefinition } from '../definition.ts';
import type { LocalTarget } from './target.ts';

/**
 * A queue: one message per event, its body the event's JSON or the rendered template's text.
 * MessageGroupId and MessageDeduplicationId are ignored: local queues are standard queues.
 */
export function sqsTarget(target: Extract<PipeTargetDefinition, { kind: 'sqs' }>, options: { queues: QueueSender; arn: string }): LocalTarget {
  return {
    kind: 'local',
    arn: options.arn,
    stage(events) {
      for (const event of events) options.queues.sendMessage(target.queueName, { body: event.text });
      return () => undefined;
    },
  };
}
