import { KinesisEventSource, SqsEventSource, StreamEventSource } from '../lambda/esm/index.ts';
import { LocalCloudError } from '../errors.ts';
import type { DeployContext } from './context.ts';
import type { DeployedStorage, EventSourcePlan } from './plan.ts';

export type EventSource = SqsEventSource | StreamEventSource | KinesisEventSource;

/** Creates each event source mapping (started by the stack deploy, which waits for stream positions). */
export function createEventSources(ctx: DeployContext, plans: readonly EventSourcePlan[], storage: DeployedStorage): EventSource[] {
  const { services } = ctx;
  return plans.map((plan) => {
    const logger = ctx.logger.child({ function: plan.functionName });
    if (plan.kind === 'sqs') {
      return new SqsEventSource({ functionName: plan.functionName, queue: plan.queueName, trigger: plan.parameters, sqs: services.sqs, runner: services.runner, logger });
    }
    // What the two ordered-stream mappings share: checkpoints, retries, the on-failure destination.
    const mapping = {
      functionName: plan.functionName,
      trigger: plan.parameters,
      ...(plan.onFailureQueue && { onFailureQueue: plan.onFailureQueue }),
      checkpoints: services.checkpoints,
      runner: services.runner,
      queues: services.sqs,
      logger,
      ...(ctx.retryBaseDelayMs !== undefined && { retryBaseDelayMs: ctx.retryBaseDelayMs }),
    };
    if (plan.kind === 'kinesis') {
      const stream = storage.kinesisStreams.get(plan.streamName);
      if (!stream) throw new LocalCloudError(`Event source of ${plan.functionName}: Kinesis stream ${plan.streamName} does not exist.`);
      return new KinesisEventSource({ ...mapping, streamName: plan.streamName, streamArn: stream.streamArn, retentionHours: stream.retentionHours, kinesis: services.kinesis.client });
    }
    const streamArn = storage.tableStreams.get(plan.tableName);
    if (!streamArn) throw new LocalCloudError(`Event source of ${plan.functionName}: table ${plan.tableName} has no stream.`);
    return new StreamEventSource({ ...mapping, streamArn, streams: services.streams, feeds: services.streamFeeds });
  });
}
