import type { DeployContext } from './context.ts';
import type { QueuePlan } from './plan.ts';

/** Creates each queue in order, or applies its attributes to the one a data directory kept. */
export function deployQueues(ctx: DeployContext, queues: readonly QueuePlan[]): void {
  for (const { name, attributes } of queues) {
    try {
      ctx.services.sqs.createQueue(name, attributes);
    } catch {
      // Declared attributes changed since the queue was created (persistent data): apply them.
      ctx.services.sqs.setQueueAttributes(name, attributes);
    }
  }
}
