import { provisionStream, type ProvisionedStream } from '../kinesis/index.ts';
import type { DeployContext } from './context.ts';
import type { KinesisStreamPlan } from './plan.ts';

/** Creates each stream unless it exists and waits until it is ACTIVE; answers them by name. */
export async function deployKinesisStreams(ctx: DeployContext, streams: readonly KinesisStreamPlan[]): Promise<Map<string, ProvisionedStream>> {
  const provisioned = new Map<string, ProvisionedStream>();
  for (const stream of streams) {
    provisioned.set(stream.name, await provisionStream(ctx.services.kinesis.client, stream.name, { shardCount: stream.shardCount, retentionHours: stream.retentionHours }));
  }
  return provisioned;
}
