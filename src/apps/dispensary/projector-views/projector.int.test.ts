import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/log.ts';
import { aggregateKey } from '../dispense/dispense.ts';
import { executeCommand } from '../event-log/command-handler.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { fromItem, type LoggedEvent } from '../event-log/records.ts';
import { toDomainEvent } from '../shared/domain-event.ts';
import { createDispensaryStore, type DispensaryStore } from '../test-fixtures.ts';
import { readView } from '../views/views.ts';
import { viewsProjector } from './projector.ts';

/** A Kinesis event as Lambda delivers it; each record's sequence number is `seq-<aggregate sequence>`. */
function kinesisEvent(events: readonly LoggedEvent[], raw: readonly string[] = []): KinesisStreamEvent {
  const record = (data: string, sequenceNumber: string, partitionKey: string): KinesisStreamRecord => ({
    kinesis: { kinesisSchemaVersion: '1.0', partitionKey, sequenceNumber, data: Buffer.from(data).toString('base64'), approximateArrivalTimestamp: 0 },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/test',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/test',
  });
  return {
    Records: [
      ...raw.map((data, i) => record(data, `raw-${i}`, 'raw')),
      ...events.map((e) => record(JSON.stringify(toDomainEvent(e, '1.0')), `seq-${e.aggregateId}-${e.sequence}`, e.aggregateId)),
    ],
  };
}

describe('views projector (component, DynamoDB Local)', () => {
  let store: DispensaryStore;
  let project: ReturnType<typeof viewsProjector>;
  beforeAll(async () => {
    store = await createDispensaryStore('dispensary-views');
    project = viewsProjector(store, silentLogger);
  });
  afterAll(() => store.destroy());

  /** A dispense with a patient and drugs (3 events), and its logged events. */
  async function dispenseWithHistory(): Promise<{ id: string; events: LoggedEvent[] }> {
    const id = store.newId();
    await executeCommand(store, id, { type: 'StartDispense', data: { id } });
    await executeCommand(store, id, { type: 'AddPatient', data: { patient_id: 'P1', name: 'Ann' } });
    await executeCommand(store, id, { type: 'AddDrugs', data: { drugs: [{ drug_id: 'D1', name: 'Aspirin', quantity: 30 }] } });
    const { Items = [] } = await store.client.send(
      new QueryCommand({ TableName: store.eventLogTable, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': aggregateKey(id) }, ConsistentRead: true }),
    );
    return { id, events: Items.map(fromItem) };
  }

  it('applies a history in order: the view equals the aggregate, with its version and last command id', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();

    // Act
    const response = await project(kinesisEvent(events));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const aggregate = await loadDispense(store, id);
    expect(await readView(store, id)).toEqual({
      version: 3,
      view: { aggregate_type: 'Dispense', command_id: events[2]!.metadata.command_id, id, dispense: aggregate.state },
    });
  });

  it('skips duplicates: a redelivered batch changes nothing', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();
    await project(kinesisEvent(events));
    const before = await readView(store, id);

    // Act: the whole batch again, then the first event once more after the last
    const again = await project(kinesisEvent([...events, events[0]!]));

    // Assess
    expect(again).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(before);
  });

  it('an event ahead of its predecessor is held until the batch fills the gap', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();
    const [started, patient, drugs] = events as [LoggedEvent, LoggedEvent, LoggedEvent];

    // Act: 3 before 2 (the publisher retried 2 after putting 3)
    const response = await project(kinesisEvent([started, drugs, patient, drugs]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toMatchObject({ version: 3, view: { dispense: (await loadDispense(store, id)).state } });
  });

  it('a gap the batch does not fill is reported by its record sequence number; the retry applies it once the gap is filled', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();
    const [started, patient, drugs] = events as [LoggedEvent, LoggedEvent, LoggedEvent];

    // Act: event 1, then 3 with 2 missing
    const response = await project(kinesisEvent([started, drugs]));

    // Assess: 1 applied, the retry starts at 3
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: `seq-${id}-3` }] });
    expect((await readView(store, id))?.version).toBe(1);

    // Act: a retry from 3 still misses 2; once 2 is behind it in the stream, both apply
    expect(await project(kinesisEvent([drugs]))).toEqual({ batchItemFailures: [{ itemIdentifier: `seq-${id}-3` }] });
    expect(await project(kinesisEvent([drugs, patient, drugs]))).toEqual({ batchItemFailures: [] });

    // Assess
    expect(await readView(store, id)).toMatchObject({ version: 3, view: { dispense: (await loadDispense(store, id)).state } });
  });

  it('the earliest unresolved record is reported even when later records of other views were applied', async () => {
    // Prepare
    const first = await dispenseWithHistory();
    const second = await dispenseWithHistory();

    // Act
    const response = await project(kinesisEvent([first.events[0]!, first.events[2]!, ...second.events]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: `seq-${first.id}-3` }] });
    expect((await readView(store, first.id))?.version).toBe(1);
    expect((await readView(store, second.id))?.version).toBe(3);
  });

  it('an event for a view that does not exist yet, other than the first, is a gap', async () => {
    const { id, events } = await dispenseWithHistory();
    expect(await project(kinesisEvent([events[1]!]))).toEqual({ batchItemFailures: [{ itemIdentifier: `seq-${id}-2` }] });
    expect(await readView(store, id)).toBeUndefined();
  });

  it('records that are not dispense events are skipped, the rest of the batch is applied', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();

    // Act
    const response = await project(kinesisEvent(events, ['not json', JSON.stringify({ entity: 'Order', id: 'x', sequence: 1 })]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await readView(store, id))?.version).toBe(3);
  });

  it('projectors racing on the same records: the view ends at the last version, each event applied once', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();

    // Act: three deliveries of the same batch at once (e.g. a retry overlapping the first attempt)
    await Promise.all([project(kinesisEvent(events)), project(kinesisEvent(events)), project(kinesisEvent(events))]);

    // Assess: a racer that lost a conditional write stopped, but whoever beat it went on to the end,
    // so the retry Lambda makes of a reported record finds only duplicates
    expect(await project(kinesisEvent(events))).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toMatchObject({ version: 3, view: { dispense: (await loadDispense(store, id)).state } });
  });
});
