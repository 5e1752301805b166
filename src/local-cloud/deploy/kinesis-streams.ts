import { provisionStream, type ProvisionedStream } from '../kinesis/index.ts';
import type { CloudServices } from '../services.ts';
import type { DeployContext } from './context.ts';
import type { KinesisStreamPlan } from './plan.ts';

/** Shards an ON_DEMAND stream gets locally: AWS starts one at 4 and scales it, kinesalite cannot scale. */
export const ON_DEMAND_SHARDS = 4;
const warned = new WeakSet<CloudServices>();

/** Creates each stream unless it exists and waits until it is ACTIVE; answers them by name. */
export async function deployKinesisStreams(ctx: DeployContext, streams: readonly KinesisStreamPlan[]): Promise<Map<string, ProvisionedStream>> {
  const onDemand = streams.filter((stream) => stream.mode === 'ON_DEMAND').map((stream) => stream.name);
  if (onDemand.length > 0 && !warned.has(ctx.services)) {
    warned.add(ctx.services);
    ctx.logger.warn(`ON_DEMAND Kinesis streams get ${ON_DEMAND_SHARDS} fixed shards locally (no scaling)`, { streams: onDemand });
  }
  const provisioned = new Map<string, ProvisionedStream>();
  for (const stream of streams) {
    const shardCount = stream.mode === 'ON_DEMAND' ? ON_DEMAND_SHARDS : stream.shardCount;
    provisioned.set(stream.name, await provisionStream(ctx.services.kinesis.client, stream.name, { shardCount, retentionHours: stream.retentionHours }));
  }
  return provisioned;
}
