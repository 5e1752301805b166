import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { QueueDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';

const seconds = (value: number | undefined) => (value === undefined ? undefined : Duration.seconds(value));

/** Standard queues with every declared attribute and redrive; SSE (SQS-managed keys) and TLS-only access. */
export function addQueues(ctx: SynthContext): void {
  const defs = ctx.app.queues ?? {};
  // A dead-letter queue is made before the queues redriving to it, whatever the declaration order.
  const ensure = (name: string): void => {
    const def = defs[name];
    if (ctx.queues.has(name) || !def) return;
    if (def.deadLetterQueue) ensure(def.deadLetterQueue.queue);
    ctx.queues.set(name, queue(ctx, name, def));
  };
  for (const name of Object.keys(defs)) ensure(name);
}

function queue(ctx: SynthContext, name: string, def: QueueDef): Queue {
  return new Queue(ctx.stack, `${name}Queue`, {
    queueName: ctx.name('queue', name),
    visibilityTimeout: seconds(def.visibilityTimeoutSeconds),
    retentionPeriod: seconds(def.messageRetentionSeconds),
    deliveryDelay: seconds(def.delaySeconds),
    receiveMessageWaitTime: seconds(def.receiveMessageWaitTimeSeconds),
    maxMessageSizeBytes: def.maximumMessageSizeBytes,
    deadLetterQueue: def.deadLetterQueue && { queue: ctx.queue(def.deadLetterQueue.queue), maxReceiveCount: def.deadLetterQueue.maxReceiveCount },
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
