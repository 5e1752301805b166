import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  DecreaseStreamRetentionPeriodCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamDef } from '../../platform/topology/types.ts';
import { LocalCloudError } from '../errors.ts';

export interface ProvisionedStream {
  readonly streamName: string;
  readonly streamArn: string;
  readonly retentionHours: number;
}

const ACTIVE_DEADLINE_MS = 10_000;

/**
 * Creates a declared stream unless it exists (a persistent data directory keeps it), applies its
 * retention, and waits until it is ACTIVE. An existing stream keeps its shard count.
 */
export async function provisionStream(client: KinesisClient, streamName: string, declared: KinesisStreamDef): Promise<ProvisionedStream> {
  try {
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: declared.shardCount ?? 1 }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  let summary = await waitUntilActive(client, streamName);
  const retentionHours = declared.retentionHours ?? 24;
  const current = summary.RetentionPeriodHours ?? 24;
  if (current !== retentionHours) {
    const Command = retentionHours > current ? IncreaseStreamRetentionPeriodCommand : DecreaseStreamRetentionPeriodCommand;
    await client.send(new Command({ StreamName: streamName, RetentionPeriodHours: retentionHours }));
    summary = await waitUntilActive(client, streamName);
  }
  return { streamName, streamArn: summary.StreamARN!, retentionHours };
}

async function waitUntilActive(client: KinesisClient, streamName: string) {
  const deadline = Date.now() + ACTIVE_DEADLINE_MS;
  for (;;) {
    const { StreamDescriptionSummary: summary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (summary?.StreamStatus === 'ACTIVE') return summary;
    if (Date.now() > deadline) throw new LocalCloudError(`Kinesis stream ${streamName} is still ${summary?.StreamStatus} after ${ACTIVE_DEADLINE_MS} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
