import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateKey } from '../dispense/dispense.ts';
import { CommandRefusedError, DispenseNotFoundError } from '../dispense/errors.ts';
import { createDispensaryStore, type DispensaryStore } from '../../../../test/support/dispensary/store.ts';
import { executeCommand, type CommandInput } from './command-handler.ts';
import { ConcurrencyConflictError } from './errors.ts';
import { appendEvents, loadDispense, SNAPSHOT_EVERY } from './event-log.ts';
import { decodeJson } from './records.ts';

const drugs = (n: number) => ({ type: 'AddDrugs', data: { drugs: [{ drug_id: `D${n}`, name: `Drug ${n}`, quantity: n }] } }) as const satisfies CommandInput;

describe('event log and command handler (component, DynamoDB Local)', () => {
  let store: DispensaryStore;
  beforeAll(async () => {
    store = await createDispensaryStore('dispensary-log');
  });
  afterAll(() => store.destroy());

  const start = async () => {
    const id = store.newId();
    await executeCommand(store, id, { type: 'StartDispense', data: { id } });
    return id;
  };
  const sequences = async (id: string) => {
    const { Items = [] } = await store.client.send(
      new QueryCommand({ TableName: store.eventLogTable, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': aggregateKey(id) }, ConsistentRead: true }),
    );
    return Items.map((item) => Number(item.AggregateIdSequence));
  };
  const snapshot = async (id: string) =>
    (await store.client.send(new GetCommand({ TableName: store.snapshotsTable, Key: { AggregateTypeAndId: aggregateKey(id) }, ConsistentRead: true }))).Item;

  it('stores events with the dynamo-es attributes, Payload and Metadata as binary JSON with a ULID command_id', async () => {
    // Act
    const id = store.newId();
    const result = await executeCommand(store, id, { type: 'StartDispense', data: { id } });

    // Assess
    const { Item } = await store.client.send(new GetCommand({ TableName: store.eventLogTable, Key: { AggregateTypeAndId: `Dispense:${id}`, AggregateIdSequence: 1 } }));
    expect(Item).toMatchObject({ AggregateType: 'Dispense', AggregateId: id, EventType: 'Dispense:Started', EventVersion: '1.0' });
    expect(Item!.Payload).toBeInstanceOf(Uint8Array);
    expect(decodeJson(Item!.Payload)).toEqual({ type: 'Dispense:Started', id, created_at: store.now(), status: 'pending' });
    expect(decodeJson(Item!.Metadata)).toEqual({ command_id: result.commandId });
    expect(result.commandId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(result).toMatchObject({ version: 1, state: { id, status: 'pending' } });
  });

  it('a command on an unknown dispense is not found; a refused one appends nothing', async () => {
    await expect(executeCommand(store, store.newId(), { type: 'CompleteDispense', data: {} })).rejects.toBeInstanceOf(DispenseNotFoundError);
    const id = await start();
    await expect(executeCommand(store, id, { type: 'CompleteDispense', data: {} })).rejects.toThrow(CommandRefusedError);
    expect(await sequences(id)).toEqual([1]);
  });

  it('takes a snapshot every 5 events; loading = snapshot + later events', async () => {
    // Prepare
    const id = await start();
    for (let n = 2; n <= 7; n++) await executeCommand(store, id, drugs(n));

    // Assess: the snapshot holds the state at version 5, the load adds events 6 and 7
    const saved = await snapshot(id);
    expect(saved).toMatchObject({ AggregateType: 'Dispense', AggregateId: id, CurrentSequence: SNAPSHOT_EVERY, SnapshotVersion: 1 });
    expect(decodeJson(saved!.CurrentSnapshot)).toMatchObject({ drugs: [{ drug_id: 'D5' }] });
    const loaded = await loadDispense(store, id);
    expect(loaded).toMatchObject({ version: 7, state: { drugs: [{ drug_id: 'D7' }] } });
  });

  it('loads from the snapshot alone: events before it are not read', async () => {
    // Prepare: a dispense at version 5, then its first events corrupted (a load reading them would fail)
    const id = await start();
    for (let n = 2; n <= 5; n++) await executeCommand(store, id, drugs(n));
    await store.client.send(
      new UpdateCommand({ TableName: store.eventLogTable, Key: { AggregateTypeAndId: aggregateKey(id), AggregateIdSequence: 1 }, UpdateExpression: 'SET EventType = :t', ExpressionAttributeValues: { ':t': 'Bogus' } }),
    );

    // Act + Assess
    expect(await loadDispense(store, id)).toMatchObject({ version: 5, state: { id, drugs: [{ drug_id: 'D5' }] } });
  });

  it('an append at a taken sequence number is a conflict (the condition on the key)', async () => {
    const id = await start();
    const { state } = await loadDispense(store, id);
    const event = { type: 'Dispense:Cancelled', data: { id, updated_at: store.now() } } as const;
    await expect(appendEvents(store, id, 0, [event], { ...state!, status: 'cancelled' }, { command_id: store.newId() })).resolves.toBe('conflict');
    expect(await sequences(id)).toEqual([1]);
  });

  it('concurrent commands on one dispense: all land by re-reading, the log has no gap and no duplicate', async () => {
    // Prepare
    const id = await start();

    // Act: eight writers at once, each allowed enough attempts to get through
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => executeCommand(store, id, drugs(i + 1), { maxAttempts: 20 })));

    // Assess
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const versions = results.map((r) => (r as PromiseFulfilledResult<{ version: number }>).value.version).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await sequences(id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await snapshot(id))?.CurrentSequence).toBe(5);
  });

  it('concurrent commands with one attempt each: one wins, the others get a conflict; no gap or duplicate', async () => {
    // Prepare
    const id = await start();

    // Act
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => executeCommand(store, id, drugs(i + 1), { maxAttempts: 1 })));

    // Assess
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const failure of lost) expect(failure.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await sequences(id)).toEqual(Array.from({ length: 1 + won.length }, (_, i) => i + 1));
  });

  it('a writer that lost the race re-decides on the new state: cancel vs complete, exactly one wins', async () => {
    // Prepare: a dispense ready to complete
    const id = await start();
    await executeCommand(store, id, { type: 'AddPatient', data: { patient_id: 'P1', name: 'Ann' } });
    await executeCommand(store, id, drugs(1));
    await executeCommand(store, id, { type: 'UploadPrescription', data: { prescription_id: 'RX', url: 's3://b/k.jpg' } });
    await executeCommand(store, id, { type: 'AnalyzePrescription', data: { analysis_data: '{}' } });

    // Act
    const [complete, cancel] = await Promise.allSettled([executeCommand(store, id, { type: 'CompleteDispense', data: {} }), executeCommand(store, id, { type: 'CancelDispense', data: {} })]);

    // Assess: the loser's retry sees a terminal state and is refused, naming it
    const outcomes = [complete, cancel].map((r) => r.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [complete, cancel].find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
    expect(refused).toBeInstanceOf(CommandRefusedError);
    expect((refused as Error).message).toMatch(/refused: the dispense is (complete|cancelled)/);
    expect(await sequences(id)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
