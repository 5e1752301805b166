import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinesisRecord } from '../../../../test/support/aws-events.ts';
import { silentLogger } from '../../../platform/log.ts';
import { evolveAll } from '../dispense/decider.ts';
import { aggregateKey } from '../dispense/dispense.ts';
import { executeCommand } from '../event-log/command-handler.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { fromItem, toItem, type LoggedEvent } from '../event-log/records.ts';
import { toDomainEvent } from '../shared/domain-event.ts';
import { createDispensaryStore, type DispensaryStore } from '../../../../test/support/dispensary/store.ts';
import { readView } from '../views/views.ts';
import { viewsProjector } from './projector.ts';

/** A Kinesis event as Lambda delivers it; each record's sequence number is `seq-<aggregate>-<sequence>`. */
function kinesisEvent(events: readonly LoggedEvent[], raw: readonly string[] = []): KinesisStreamEvent {
  return {
    Records: [
      ...raw.map((data, i) => kinesisRecord(data, `raw-${i}`, 'raw')),
      ...events.map((e) => kinesisRecord(JSON.stringify(toDomainEvent(e, '1.0')), `seq-${e.aggregateId}-${e.sequence}`, e.aggregateId)),
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

  /** The dispense's events as the log holds them. */
  async function loggedEvents(id: string): Promise<LoggedEvent[]> {
    const { Items = [] } = await store.client.send(
      new QueryCommand({ TableName: store.eventLogTable, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': aggregateKey(id) }, ConsistentRead: true }),
    );
    return Items.map(fromItem);
  }

  /** A dispense with a patient and drugs (3 events), and its logged events. */
  async function dispenseWithHistory(): Promise<{ id: string; events: LoggedEvent[] }> {
    const id = store.newId();
    await executeCommand(store, id, { type: 'StartDispense', data: { id } });
    await executeCommand(store, id, { type: 'AddPatient', data: { patient_id: 'P1', name: 'Ann' } });
    await executeCommand(store, id, { type: 'AddDrugs', data: { drugs: [{ drug_id: 'D1', name: 'Aspirin', quantity: 30 }] } });
    return { id, events: await loggedEvents(id) };
  }

  /** The view the projector should hold once it has applied up to `last`: the aggregate as of then (the current one if `last` is the latest). */
  async function aggregateView(id: string, last: LoggedEvent) {
    const all = await loggedEvents(id);
    const dispense = last.sequence === all.length ? (await loadDispense(store, id)).state : evolveAll(null, all.slice(0, last.sequence).map((e) => e.event));
    return { version: last.sequence, view: { aggregate_type: 'Dispense', command_id: last.metadata.command_id, id, dispense } };
  }

  /** Simulates a log that has not received these events yet. */
  async function removeFromLog(...events: LoggedEvent[]) {
    for (const e of events) await store.client.send(new DeleteCommand({ TableName: store.eventLogTable, Key: { AggregateTypeAndId: aggregateKey(e.aggregateId), AggregateIdSequence: e.sequence } }));
  }

  async function putBackInLog(...events: LoggedEvent[]) {
    for (const e of events) await store.client.send(new PutCommand({ TableName: store.eventLogTable, Item: toItem(e.aggregateId, e.sequence, e.event, e.metadata) }));
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

  it('an event ahead of its predecessor is applied with it from the event log; the predecessor arriving later is skipped', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();
    const [started, patient, drugs] = events as [LoggedEvent, LoggedEvent, LoggedEvent];

    // Act: 3 before 2 (the publisher retried 2 after putting 3)
    const response = await project(kinesisEvent([started, drugs, patient, drugs]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(await aggregateView(id, drugs));
  });

  it('a gap no record of the batch fills is caught up from the event log', async () => {
    // Prepare: event 2 is not in the stream yet (it went to the publisher's retry, or its DLQ)
    const { id, events } = await dispenseWithHistory();
    const [started, patient, drugs] = events as [LoggedEvent, LoggedEvent, LoggedEvent];

    // Act
    const response = await project(kinesisEvent([started, drugs]));

    // Assess: nothing to retry, the view is the aggregate at version 3
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(await aggregateView(id, drugs));

    // Act: 2 arrives after its successor was applied through the catch-up
    const late = await project(kinesisEvent([patient]));

    // Assess: skipped as a duplicate, the view unchanged
    expect(late).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(await aggregateView(id, drugs));
  });

  it('a view that does not exist yet is built from the start of the log', async () => {
    const { id, events } = await dispenseWithHistory();
    expect(await project(kinesisEvent([events[1]!]))).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(await aggregateView(id, events[1]!));
  });

  it('catches up across a snapshot: the end state equals the aggregate', async () => {
    // Prepare: 6 events (a snapshot at 5), the view at version 1
    const { id, events } = await dispenseWithHistory();
    await executeCommand(store, id, { type: 'UploadPrescription', data: { prescription_id: 'RX1', url: 's3://b/prescriptions/rx1.jpg' } });
    await executeCommand(store, id, { type: 'AnalyzePrescription', data: { analysis_data: '{}' } });
    await executeCommand(store, id, { type: 'CompleteDispense', data: {} });
    const all = await loggedEvents(id);
    await project(kinesisEvent([events[0]!]));

    // Act: only the last event reaches the projector
    const response = await project(kinesisEvent([all[5]!]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(all).toHaveLength(6);
    expect(await readView(store, id)).toEqual(await aggregateView(id, all[5]!));
    expect((await readView(store, id))?.view.dispense.status).toBe('complete');
  });

  it('a gap the event log does not hold yet is reported by its record sequence number; the retry applies it once the log holds it', async () => {
    // Prepare: the log holds only event 1 (2 and 3 are taken out, to be put back later)
    const { id, events } = await dispenseWithHistory();
    const [started, patient, drugs] = events as [LoggedEvent, LoggedEvent, LoggedEvent];
    await removeFromLog(patient, drugs);

    // Act
    const response = await project(kinesisEvent([started, drugs]));

    // Assess: 1 applied, the retry starts at 3
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: `seq-${id}-3` }] });
    expect((await readView(store, id))?.version).toBe(1);

    // Act: the log receives 2 and 3; the retry from 3 catches up
    await putBackInLog(patient, drugs);
    const retry = await project(kinesisEvent([drugs]));

    // Assess
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(await readView(store, id)).toEqual(await aggregateView(id, drugs));
  });

  it('an unresolved record stops the batch: it is reported with every later record, which the retry applies', async () => {
    // Prepare
    const first = await dispenseWithHistory();
    const second = await dispenseWithHistory();
    await removeFromLog(first.events[1]!);

    // Act
    const response = await project(kinesisEvent([first.events[0]!, first.events[2]!, ...second.events]));

    // Assess: nothing overtakes the unresolved record, not even records of other views
    expect(response).toEqual({
      batchItemFailures: [`seq-${first.id}-3`, ...second.events.map((e) => `seq-${second.id}-${e.sequence}`)].map((itemIdentifier) => ({ itemIdentifier })),
    });
    expect((await readView(store, first.id))?.version).toBe(1);
    expect(await readView(store, second.id)).toBeUndefined();

    // Act: the log receives the missing event; Lambda retries from the reported record
    await putBackInLog(first.events[1]!);
    const retry = await project(kinesisEvent([first.events[2]!, ...second.events]));

    // Assess
    expect(retry).toEqual({ batchItemFailures: [] });
    expect((await readView(store, first.id))?.version).toBe(3);
    expect((await readView(store, second.id))?.version).toBe(3);
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

  it('a catch-up racing the in-order records: the view ends at the aggregate, nothing left to retry', async () => {
    // Prepare
    const { id, events } = await dispenseWithHistory();

    // Act: one delivery catches up from the last event while another applies them one by one
    const responses = await Promise.all([project(kinesisEvent([events[2]!])), project(kinesisEvent(events))]);

    // Assess
    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(await readView(store, id)).toEqual(await aggregateView(id, events[2]!));
  });
});
