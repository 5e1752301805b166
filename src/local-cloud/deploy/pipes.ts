import { LocalCloudError } from '../errors.ts';
import { Pipe } from '../pipes/pipe.ts';
import type { DeployContext } from './context.ts';
import type { DeployedStorage, PipePlan } from './plan.ts';

/** Creates each pipe (started by the stack deploy, which waits for stream positions). */
export function createPipes(ctx: DeployContext, plans: readonly PipePlan[], storage: DeployedStorage): Pipe[] {
  const { services } = ctx;
  return plans.map((plan) => {
    const stream = sourceStream(plan, storage);
    if (plan.source.kind === 'sqs' && !services.sqs.listQueues().includes(plan.source.queueName)) {
      throw new LocalCloudError(`Pipe ${plan.name}: queue ${plan.source.queueName} does not exist.`);
    }
    return new Pipe({
      definition: plan,
      ...stream,
      db: services.db,
      streams: services.streams,
      streamFeeds: services.streamFeeds,
      checkpoints: services.checkpoints,
      bus: services.eventBridge,
      queues: services.sqs,
      sqs: services.sqs,
      kinesis: services.kinesis.client,
      functions: services.runner,
      dispatcher: services.dispatcher,
      logger: ctx.logger.child({ pipe: plan.name }),
      ...(ctx.retryBaseDelayMs !== undefined && { retryBaseDelayMs: ctx.retryBaseDelayMs }),
    });
  });
}

/** The ARN (and a Kinesis stream's retention) of a stream source, from what the storage deploy made. */
function sourceStream(plan: PipePlan, storage: DeployedStorage): { streamArn?: string; retentionHours?: number } {
  const { source } = plan;
  if (source.kind === 'dynamodb') {
    const streamArn = storage.tableStreams.get(source.tableName);
    if (!streamArn) throw new LocalCloudError(`Pipe ${plan.name}: table ${source.tableName} has no stream.`);
    return { streamArn };
  }
  if (source.kind === 'kinesis') {
    const stream = storage.kinesisStreams.get(source.streamName);
    if (!stream) throw new LocalCloudError(`Pipe ${plan.name}: Kinesis stream ${source.streamName} does not exist.`);
    return { streamArn: stream.streamArn, retentionHours: stream.retentionHours };
  }
  return {};
}
