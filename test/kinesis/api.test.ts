import {
  CreateStreamCommand,
  KinesisClient,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { kinesis } from '../../src/platform/kinesis.ts';
import { defineApp } from '../../src/platform/topology/define.ts';
import { startTestCloud } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const app = defineApp({
  name: 'kapi',
  kinesisStreams: { events: { shardCount: 3, retentionHours: 48 } },
  functions: {
    produce: {
      handler: 'test/fixtures/functions/kinesis-producer.ts#handler',
      environment: { EVENTS_STREAM: { ref: 'kinesisStreamName', name: 'events' }, EVENTS_STREAM_ARN: { ref: 'kinesisStreamArn', name: 'events' } },
    },
  },
});

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [app] });
  // What an app's script or test gets from the cloud's `.env`.
  Object.assign(process.env, cloud.env);
});

afterAll(async () => {
  kinesis().destroy();
  await cloud?.stop();
});

describe('Kinesis on the local cloud', () => {
  it('answers a client left on the SDK default handler (HTTP/2 in cleartext), configured by .env alone', async () => {
    const client = new KinesisClient({});
    try {
      const StreamName = `h2-${randomUUID().slice(0, 8)}`;
      await client.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
      const { ShardId, SequenceNumber } = await client.send(new PutRecordCommand({ StreamName, PartitionKey: 'k', Data: Buffer.from('over h2') }));
      const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: SequenceNumber }));
      const { Records } = await client.send(new GetRecordsCommand({ ShardIterator }));
      expect(Records?.map((r) => Buffer.from(r.Data!).toString())).toEqual(['over h2']);
    } finally {
      client.destroy();
    }
  });

  it('serves the Kinesis API on the main port through the platform client', async () => {
    expect(cloud.env.AWS_ENDPOINT_URL_KINESIS).toBe(cloud.url);
    const StreamName = `api-${randomUUID().slice(0, 8)}`;

    await kinesis().send(new CreateStreamCommand({ StreamName, ShardCount: 2 }));
    const summary = await waitFor(async () => {
      const { StreamDescriptionSummary: s } = await kinesis().send(new DescribeStreamSummaryCommand({ StreamName }));
      return s?.StreamStatus === 'ACTIVE' && s;
    });
    const one = await kinesis().send(new PutRecordCommand({ StreamName, PartitionKey: 'k1', Data: Buffer.from('first') }));
    const many = await kinesis().send(
      new PutRecordsCommand({ StreamName, Records: [{ PartitionKey: 'k1', Data: Buffer.from('second') }, { PartitionKey: 'k1', Data: Buffer.from('third') }] }),
    );
    const { Shards } = await kinesis().send(new ListShardsCommand({ StreamName }));
    const { ShardIterator } = await kinesis().send(new GetShardIteratorCommand({ StreamName, ShardId: one.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await kinesis().send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));

    expect(summary).toMatchObject({ StreamName, OpenShardCount: 2, RetentionPeriodHours: 24, StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${StreamName}` });
    expect(Shards?.map((shard) => shard.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(many.FailedRecordCount).toBe(0);
    expect(many.Records?.map((r) => r.ShardId)).toEqual([one.ShardId, one.ShardId]);
    expect(Records?.map((r) => Buffer.from(r.Data!).toString())).toEqual(['first', 'second', 'third']);
    expect(Records?.map((r) => r.SequenceNumber)).toEqual([one.SequenceNumber, ...many.Records!.map((r) => r.SequenceNumber)]);
    expect(Records?.[0]).toMatchObject({ PartitionKey: 'k1', ApproximateArrivalTimestamp: expect.any(Date) });
  });

  it('accepts requests that name the stream by StreamARN', async () => {
    const StreamARN = cloud.apps[0]!.kinesisStreams.get('events')!.streamArn;

    const put = await kinesis().send(new PutRecordCommand({ StreamARN, PartitionKey: 'by-arn', Data: Buffer.from('x') }));
    const { Shards } = await kinesis().send(new ListShardsCommand({ StreamARN }));
    const { StreamDescriptionSummary: summary } = await kinesis().send(new DescribeStreamSummaryCommand({ StreamARN }));

    expect(Shards?.map((shard) => shard.ShardId)).toContain(put.ShardId);
    expect(summary?.StreamName).toBe('kapi-events');
  });

  it('provisions declared streams as <app>-<logical> and resolves their name and ARN for functions', async () => {
    const { StreamDescriptionSummary: summary } = await kinesis().send(new DescribeStreamSummaryCommand({ StreamName: 'kapi-events' }));

    const result = await cloud.services.runner.invoke('kapi-produce', { key: 'order-1', data: { hello: 'kinesis' } });

    expect(summary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 3, RetentionPeriodHours: 48 });
    expect(cloud.apps[0]?.kinesisStreams.get('events')).toEqual({ streamName: 'kapi-events', streamArn: summary?.StreamARN, retentionHours: 48 });
    expect(result.ok && result.payload).toEqual({ shardId: expect.stringMatching(/^shardId-/), sequenceNumber: expect.any(String), streamArn: summary?.StreamARN });
  });
});
