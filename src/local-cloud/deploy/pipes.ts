import { LocalCloudError } from '../errors.ts';
import { Pipe } from '../pipes/pipe.ts';
import type { DeployContext } from './context.ts';
import type { DeployedStorage, PipePlan } from './plan.ts';

/** Creates each pipe (started by the stack deploy, which waits for stream positions). */
export function createPipes(ctx: DeployContext, plans: readonly PipePlan[], storage: DeployedStorage): Pipe[] {
  const { services } = ctx;
  return plans.map((plan) => {
    const streamArn = storage.tableStreams.get(plan.tableName);
    if (!streamArn) throw new LocalCloudError(`Pipe ${plan.name}: table ${plan.tableName} has no stream.`);
    return new Pipe({
      name: plan.name,
      definition: plan.definition,
      streamArn,
      busName: plan.busName,
      ...(plan.deadLetterQueue && { deadLetterQueue: plan.deadLetterQueue }),
      db: services.db,
      streams: services.streams,
      checkpoints: services.checkpoints,
      bus: services.eventBridge,
      queues: services.sqs,
      logger: ctx.logger.child({ pipe: plan.name }),
      ...(ctx.retryBaseDelayMs !== undefined && { retryBaseDelayMs: ctx.retryBaseDelayMs }),
    });
  });
}
