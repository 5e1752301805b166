import { SqsError, invalidParameter } from './errors.ts';
import type { Queue } from './models.ts';

const ARN = /^arn:[^:]+:sqs:[^:]*:[^:]*:[^:]+$/;

/**
 * StartMessageMoveTask's checks, with AWS's errors: ARNs of existing queues, a source that is some
 * queue's dead-letter queue, a destination other than the source, a rate of 1–500 messages a second.
 */
export function checkMoveTask(
  sourceArn: string,
  destinationArn: string | undefined,
  maxPerSecond: number | undefined,
  queues: { queue(arn: string): Queue | undefined; isDeadLetterQueue(name: string): boolean },
): { source: Queue; destination: Queue | undefined } {
  for (const [name, value] of [['SourceArn', sourceArn], ['DestinationArn', destinationArn]] as const) {
    if (value !== undefined && !ARN.test(value)) {
      throw invalidParameter(`You must use this format to specify the ${name}: arn:<partition>:<service>:<region>:<account-id>:<resource-id>`);
    }
  }
  if (maxPerSecond !== undefined && !(Number.isInteger(maxPerSecond) && maxPerSecond >= 1 && maxPerSecond <= 500)) {
    throw invalidParameter(`Value ${maxPerSecond} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500, if provided.`);
  }
  const source = queues.queue(sourceArn);
  if (!source) throw new SqsError('ResourceNotFoundException', "The resource that you specified for the SourceArn parameter doesn't exist.");
  if (!queues.isDeadLetterQueue(source.name)) throw invalidParameter('Source queue must be configured as a Dead Letter Queue.');
  if (destinationArn === undefined) return { source, destination: undefined };
  const destination = queues.queue(destinationArn);
  if (!destination) throw new SqsError('ResourceNotFoundException', "The resource that you specified for the DestinationArn parameter doesn't exist.");
  if (destination.name === source.name) throw invalidParameter('Source queue arn and destination queue arn cannot be the same.');
  return { source, destination };
}
