import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { withDeadline } from '../../src/local-cloud/deploy/with-deadline.ts';
import { KinesisStreamReader, type KinesisBatch } from '../../src/local-cloud/kinesis/index.ts';
import { createKinesisClient } from '../../src/platform/kinesis.ts';
import { startTestCloud, testCredentials } from '../support/cloud.ts';
import { eventually, putJson } from './support.ts';

let cloud: LocalCloud;
let client: KinesisClient;

beforeAll(async () => {
  cloud = await startTestCloud({ apps: [] });
  client = createKinesisClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
});

afterAll(async () => {
  client?.destroy();
  await cloud?.stop();
});

/** A minimal CBOR encoding of a map of short text keys to short text or byte-string values. */
function cborMap(entries: Record<string, string | Buffer>): Buffer {
  const item = (value: string | Buffer) => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    if (bytes.length >= 24) throw new Error('short values only');
    return Buffer.concat([Buffer.from([(typeof value === 'string' ? 0x60 : 0x40) + bytes.length]), bytes]);
  };
  const pairs = Object.entries(entries).flatMap(([key, value]) => [item(key), item(value)]);
  return Buffer.concat([Buffer.from([0xa0 + Object.keys(entries).length]), ...pairs]);
}

describe('the Kinesis endpoint on the main port', () => {
  it('forwards a CBOR request body byte for byte', async () => {
    await client.send(new CreateStreamCommand({ StreamName: 'kr-cbor', ShardCount: 1 }));
    // Not valid UTF-8: reading the body as text would replace these bytes.
    const data = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0xc3]);
    const response = await fetch(cloud.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-cbor-1.1',
        'x-amz-target': 'Kinesis_20131202.PutRecord',
        'x-amz-date': '20260101T000000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
      },
      body: cborMap({ StreamName: 'kr-cbor', PartitionKey: 'k', Data: data }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const { Shards } = await client.send(new ListShardsCommand({ StreamName: 'kr-cbor' }));
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: 'kr-cbor', ShardId: Shards![0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await client.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((record) => Buffer.from(record.Data!).toString('hex'))).toEqual([data.toString('hex')]);
  });

  it('still rewrites StreamARN to StreamName in JSON requests', async () => {
    await client.send(new CreateStreamCommand({ StreamName: 'kr-json', ShardCount: 1 }));
    const { Shards } = await client.send(new ListShardsCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/kr-json' }));
    expect(Shards).toHaveLength(1);
  });
});

describe('a Kinesis stream reader that cannot start yet', () => {
  it('logs the failure and keeps trying until the stream is there, then reads it', async () => {
    const errors: string[] = [];
    const batches: KinesisBatch[] = [];
    const reader = new KinesisStreamReader({
      consumerId: 'test:late-stream',
      streamName: 'kr-late',
      client: cloud.services.kinesis.client,
      checkpoints: cloud.services.checkpoints,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 10,
      maximumBatchingWindowMs: 0,
      onBatch: async (batch) => {
        batches.push(batch);
      },
      logger: { warn: () => undefined, error: (message) => errors.push(message) },
    });
    try {
      const started = reader.start();
      await eventually(() => errors.length > 0, 'a logged start failure');
      expect(errors[0]).toMatch(/starting to read the stream failed/);

      await client.send(new CreateStreamCommand({ StreamName: 'kr-late', ShardCount: 1 }));
      await started;
      await putJson(client, 'kr-late', [['k', { id: 'r1' }]]);
      await eventually(() => batches.flatMap((batch) => batch.records).length === 1, 'the record');
    } finally {
      await reader.stop();
    }
  });
});

describe('a stream source start the deploy stops waiting for', () => {
  it('reports a rejection after the deadline instead of dropping it', async () => {
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<void>((_, reject) => (fail = reject));
    const late: unknown[] = [];
    let warned = false;
    await withDeadline(work, 1, () => (warned = true), (error) => late.push(error));
    expect(warned).toBe(true);
    fail(new Error('positioning failed'));
    await eventually(() => late.length === 1, 'the late failure');
    expect((late[0] as Error).message).toBe('positioning failed');
  });

  it('rejects with a failure before the deadline, which is not also reported as late', async () => {
    const late: unknown[] = [];
    await expect(withDeadline(Promise.reject(new Error('early')), 60_000, () => undefined, (error) => late.push(error))).rejects.toThrow('early');
    expect(late).toEqual([]);
  });
});
