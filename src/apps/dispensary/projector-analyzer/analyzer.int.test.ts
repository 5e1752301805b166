import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/log.ts';
import { aggregateKey } from '../dispense/dispense.ts';
import { executeCommand } from '../event-log/command-handler.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { fromItem } from '../event-log/records.ts';
import { createDispensaryStore, type DispensaryStore } from '../../../../test/support/dispensary/store.ts';
import type { PrescriptionUpload } from './analyze.ts';
import { prescriptionAnalyzer } from './analyzer.ts';

const BUCKET = 'test-prescriptions';

/** The notification S3 sends for one created object (key URL-encoded, as S3 does). */
const created = (key: string): S3Event =>
  ({
    Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: key.split('/').map(encodeURIComponent).join('/'), size: 134, sequencer: '01' } } }],
  }) as unknown as S3Event;

describe('prescription analyzer (component, DynamoDB Local)', () => {
  let store: DispensaryStore;
  let analyze: ReturnType<typeof prescriptionAnalyzer>;
  /** The objects "in the bucket" (the analysis port reads only their size). */
  const objects = new Map<string, number>();

  beforeAll(async () => {
    store = await createDispensaryStore('dispensary-analyzer');
    const readObject = async ({ key }: PrescriptionUpload) => {
      const size = objects.get(key);
      if (size === undefined) throw new Error(`NoSuchKey ${key}`);
      return { size };
    };
    analyze = prescriptionAnalyzer({ ...store, readObject, logger: silentLogger });
  });
  afterAll(() => store.destroy());

  async function pendingDispense(): Promise<{ id: string; key: string; prescriptionId: string }> {
    const id = store.newId();
    await executeCommand(store, id, { type: 'StartDispense', data: { id } });
    const prescriptionId = store.newId();
    const key = `prescriptions/${id}/${prescriptionId}.jpg`;
    objects.set(key, 134);
    return { id, key, prescriptionId };
  }
  const eventTypes = async (id: string) => {
    const { Items = [] } = await store.client.send(
      new QueryCommand({ TableName: store.eventLogTable, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': aggregateKey(id) }, ConsistentRead: true }),
    );
    return Items.map((item) => fromItem(item).event);
  };

  it('uploads the prescription (id from the key, s3 url) and analyzes it with the mock analysis', async () => {
    // Prepare
    const { id, key, prescriptionId } = await pendingDispense();

    // Act
    const result = await analyze(created(key));

    // Assess
    expect(result).toEqual({ outcomes: ['analyzed'] });
    const [, uploaded, analyzed] = await eventTypes(id);
    expect(uploaded).toMatchObject({ type: 'Dispense:PrescriptionUploaded', data: { prescription_id: prescriptionId, url: `s3://${BUCKET}/${key}` } });
    expect(analyzed?.type).toBe('Dispense:PrescriptionAnalyzed');
    expect(JSON.parse((analyzed!.data as { analysis_data: string }).analysis_data)).toEqual({
      file_key: key,
      file_size: 134,
      patient_name: 'John Doe',
      medications: [
        { name: 'Aspirin', dosage: '500mg', quantity: 30 },
        { name: 'Ibuprofen', dosage: '200mg', quantity: 20 },
      ],
      analyzed_at: store.now(),
    });
    expect((await loadDispense(store, id)).state).toMatchObject({ status: 'ready', prescription_analyzed: true });
  });

  it('a repeated notification changes nothing; so do concurrent duplicates', async () => {
    // Prepare
    const once = await pendingDispense();
    await analyze(created(once.key));
    const racing = await pendingDispense();

    // Act
    const again = await analyze(created(once.key));
    const raced = await Promise.all([analyze(created(racing.key)), analyze(created(racing.key)), analyze(created(racing.key))]);

    // Assess
    expect(again).toEqual({ outcomes: ['duplicate'] });
    expect((await eventTypes(once.id)).map((e) => e.type)).toEqual(['Dispense:Started', 'Dispense:PrescriptionUploaded', 'Dispense:PrescriptionAnalyzed']);
    expect(raced.flatMap((r) => r.outcomes)).toContain('analyzed');
    expect((await eventTypes(racing.id)).map((e) => e.type)).toEqual(['Dispense:Started', 'Dispense:PrescriptionUploaded', 'Dispense:PrescriptionAnalyzed']);
  });

  it('resumes an upload whose analysis failed: a retry analyzes without uploading again', async () => {
    // Prepare: the object cannot be read the first time (e.g. S3 unavailable)
    const { id, key } = await pendingDispense();
    objects.delete(key);
    await expect(analyze(created(key))).rejects.toThrow(/NoSuchKey/);
    expect((await loadDispense(store, id)).state?.status).toBe('analyzing');

    // Act: Lambda's retry
    objects.set(key, 134);
    const retry = await analyze(created(key));

    // Assess
    expect(retry).toEqual({ outcomes: ['analyzed'] });
    expect((await eventTypes(id)).map((e) => e.type)).toEqual(['Dispense:Started', 'Dispense:PrescriptionUploaded', 'Dispense:PrescriptionAnalyzed']);
  });

  it('ignores a second prescription, an unknown dispense and keys of another shape', async () => {
    // Prepare: a dispense already analyzing another prescription
    const { id, key } = await pendingDispense();
    await analyze(created(key));
    const second = `prescriptions/${id}/${store.newId()}.pdf`;
    objects.set(second, 10);

    // Act
    const outcomes = [
      ...(await analyze(created(second))).outcomes,
      ...(await analyze(created(`prescriptions/${store.newId()}/${store.newId()}.png`))).outcomes,
      ...(await analyze(created('prescriptions/not-a-ulid/x.jpg'))).outcomes,
      ...(await analyze(created('elsewhere/file.jpg'))).outcomes,
    ];

    // Assess
    expect(outcomes).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
    expect((await eventTypes(id)).length).toBe(3);
  });
});
