import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispenseEvent } from '../../../src/apps/dispensary/dispense/events.ts';
import { toItem } from '../../../src/apps/dispensary/event-log/records.ts';
import { publisher } from '../../../src/apps/dispensary/publisher/publisher.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { silentLogger } from '../../../src/platform/log.ts';
import { createKinesisClient } from '../../../src/platform/kinesis.ts';
import { startTestCloud, testCredentials } from '../../support/cloud.ts';

const APP = 'e2edisppub';
const T = '2026-01-01T00:00:00.000Z';

/** Event-log stream records as Lambda delivers them: DynamoDB JSON with binaries in base64. */
function streamEvent(entries: { id: string; sequence: number; event: DispenseEvent; eventName?: 'INSERT' | 'MODIFY' }[]): DynamoDBStreamEvent {
  return {
    Records: entries.map(({ id, sequence, event, eventName = 'INSERT' }, i) => {
      const image = marshall(toItem(id, sequence, event, { command_id: `CMD${sequence}` }));
      for (const key of ['Payload', 'Metadata'] as const) image[key] = { B: Buffer.from(image[key]!.B!).toString('base64') as unknown as Uint8Array };
      return { eventID: `e${i}`, eventName, eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: String(1000 + i), NewImage: image as never, StreamViewType: 'NEW_IMAGE' } };
    }),
  };
}

describe('publisher: event-log stream → Kinesis (component, local cloud Kinesis)', () => {
  let cloud: LocalCloud;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [{ name: APP, kinesisStreams: { events: {} } }] });
    kinesis = createKinesisClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
  });
  afterAll(async () => {
    kinesis?.destroy();
    await cloud?.stop();
  });

  async function readAll(stream: string) {
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    const records = [];
    for (const shard of Shards) {
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));
      records.push(...Records.map((r) => ({ partitionKey: r.PartitionKey, data: JSON.parse(new TextDecoder().decode(r.Data)) })));
    }
    return records;
  }

  it('puts each INSERT as a DomainEvent keyed by aggregate id, in order; other records are skipped', async () => {
    // Prepare
    const publish = publisher({ kinesis, streamName: `${APP}-events` }, silentLogger);
    const a = '01JD00000000000000000000AA';
    const b = '01JD00000000000000000000BB';

    // Act
    const response = await publish(
      streamEvent([
        { id: a, sequence: 1, event: { type: 'Dispense:Started', data: { id: a, created_at: T, status: 'pending' } } },
        { id: b, sequence: 1, event: { type: 'Dispense:Started', data: { id: b, created_at: T, status: 'pending' } } },
        { id: a, sequence: 2, event: { type: 'Dispense:PatientAdded', data: { id: a, patient_id: 'P1', patient_name: 'Ann', updated_at: T } } },
        { id: a, sequence: 2, event: { type: 'Dispense:Cancelled', data: { id: a, updated_at: T } }, eventName: 'MODIFY' },
      ]),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const records = await readAll(`${APP}-events`);
    expect(records.map((r) => [r.partitionKey, r.data.sequence, r.data.event_type])).toEqual([
      [a, 1, 'Dispense:Started'],
      [b, 1, 'Dispense:Started'],
      [a, 2, 'Dispense:PatientAdded'],
    ]);
    expect(records[2]!.data).toEqual({
      id: a,
      entity: 'Dispense',
      sequence: 2,
      event_type: 'Dispense:PatientAdded',
      event_version: '1.0',
      payload: JSON.stringify({ type: 'Dispense:PatientAdded', id: a, patient_id: 'P1', patient_name: 'Ann', updated_at: T }),
      metadata: JSON.stringify({ command_id: 'CMD2' }),
    });
  });

  it('a failed PutRecords call fails the whole batch, for the mapping to retry and bisect', async () => {
    const publish = publisher({ kinesis, streamName: `${APP}-missing` }, silentLogger);
    const id = '01JD00000000000000000000CC';
    await expect(publish(streamEvent([{ id, sequence: 1, event: { type: 'Dispense:Started', data: { id, created_at: T, status: 'pending' } } }]))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
