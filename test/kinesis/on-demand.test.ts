import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { deployStack } from '../../src/local-cloud/deploy/deploy-stack.ts';
import { createLogger } from '../../src/platform/log.ts';
import { startTestCloud } from '../support/cloud.ts';
import { handBuiltStack } from '../support/stack-source.ts';

// A KinesisStreamPlan with mode ON_DEMAND: 4 shards locally, and one warning per cloud.
const lines: string[] = [];
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [], logger: createLogger({ level: 'warn', write: (line) => lines.push(line) }) });
});

afterAll(() => cloud?.stop());

describe('ON_DEMAND Kinesis streams', () => {
  it('get 4 shards whatever the shard count, with a warning logged once', async () => {
    const stream = (name: string, mode?: 'ON_DEMAND') => ({ name, shardCount: 1, retentionHours: 24, ...(mode && { mode }) });
    const first = await deployStack(handBuiltStack('ondemand', { storage: { kinesisStreams: [stream('ondemand-a', 'ON_DEMAND'), stream('ondemand-b', 'ON_DEMAND'), stream('ondemand-fixed')] } }), cloud.services);
    const second = await deployStack(handBuiltStack('ondemand2', { storage: { kinesisStreams: [stream('ondemand-c', 'ON_DEMAND')] } }), cloud.services);

    const shards = async (name: string) => (await cloud.services.kinesis.client.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.OpenShardCount;
    const warnings = lines.map((line) => JSON.parse(line) as { level: string; message: string; streams?: string[] }).filter((line) => line.message.includes('ON_DEMAND'));

    expect([await shards('ondemand-a'), await shards('ondemand-c'), await shards('ondemand-fixed')]).toEqual([4, 4, 1]);
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', streams: ['ondemand-a', 'ondemand-b'] })]);
    await Promise.all([first.stop(), second.stop()]);
  });
});
