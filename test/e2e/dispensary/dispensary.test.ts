import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evolve } from '../../../src/apps/dispensary/dispense/decider.ts';
import type { DispenseState } from '../../../src/apps/dispensary/dispense/dispense.ts';
import { fromItem } from '../../../src/apps/dispensary/event-log/records.ts';
import { dispensaryApp } from '../../../src/apps/dispensary/topology.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { dynamoDbClient, startTestCloud, testCredentials } from '../../support/cloud.ts';
import { waitFor } from '../../support/wait-for.ts';
import { dispensaryClient, type DispensaryClient } from './client.ts';

const APP = 'e2edispensary';
const jpg = readFileSync(new URL('../../../http/dispensary/prescription.jpg', import.meta.url));
const drugs = [
  { drug_id: 'D1', name: 'Aspirin', quantity: 30 },
  { drug_id: 'D2', name: 'Ibuprofen', quantity: 20 },
];

/** A payload 2.0 event built by hand, as the document's direct Invoke sends it. */
const apiEvent = (method: string, rawPath: string, body?: unknown) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'e2e' } },
  ...(body !== undefined && { body: JSON.stringify(body) }),
  isBase64Encoded: false,
});

describe('dispensary e2e on the local cloud (spec dispensary.md)', () => {
  let cloud: LocalCloud;
  let api: DispensaryClient;
  let documents: DynamoDBDocumentClient;
  let lambda: LambdaClient;

  beforeAll(async () => {
    vi.stubEnv('LOG_LEVEL', 'error');
    cloud = await startTestCloud({ apps: [dispensaryApp({ name: APP })] });
    api = dispensaryClient(cloud.apiUrl(APP, 'api'));
    documents = DynamoDBDocumentClient.from(dynamoDbClient(cloud.dynamoDbEndpoint));
    lambda = new LambdaClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    // Cold-start the four functions one after the other with `{}` (no route, no records: no side
    // effect), rather than all at once in the middle of the first flow.
    for (const name of cloud.services.runner.list()) await cloud.services.runner.invoke(name, {});
  });
  afterAll(async () => {
    lambda?.destroy();
    documents?.destroy();
    await cloud?.stop();
    vi.unstubAllEnvs();
  });

  /** The states the dispense went through, folded from its event log. */
  async function history(id: string): Promise<string[]> {
    const { Items = [] } = await documents.send(
      new QueryCommand({ TableName: `${APP}-event-log`, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': `Dispense:${id}` }, ConsistentRead: true }),
    );
    const statuses: string[] = [];
    let state: DispenseState = null;
    for (const item of Items) {
      state = evolve(state, fromItem(item).event);
      statuses.push(state.status);
    }
    return statuses;
  }

  /** Waits until the view (read side, fed through Kinesis) reaches `version`. */
  const viewAt = (id: string, version: number) =>
    waitFor(
      async () => {
        const response = await api.get(id);
        return response.status === 200 && response.body.version >= version && response.body;
      },
      { timeoutMs: 30_000, description: `view of ${id} at version ${version}` },
    );

  it('create → upload URL → PUT a .jpg → analyzing then ready → patient → drugs → complete; the view equals the aggregate', async () => {
    // Create
    const created = await api.create();
    expect(created).toMatchObject({ status: 201, body: { version: 1, dispense: { status: 'pending' } } });
    const id: string = created.body.id;

    // Upload URL, then the upload through it (plain fetch, as a browser would)
    const upload = await api.uploadUrl(id, { file_name: 'prescription.jpg', content_type: 'image/jpeg' });
    expect(upload).toMatchObject({ status: 200, body: { key: expect.stringMatching(new RegExp(`^prescriptions/${id}/[0-9A-Z]{26}\\.jpg$`)), expires_in: 3600 } });
    const put = await fetch(upload.body.upload_url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: jpg });
    expect(put.status).toBe(200);

    // The analyzer moved it to analyzing, then ready
    const ready = await viewAt(id, 3);
    expect(ready.dispense).toMatchObject({ status: 'ready', prescription_id: upload.body.prescription_id, prescription_url: expect.stringContaining(upload.body.key), prescription_analyzed: true });
    expect(await history(id)).toEqual(['pending', 'analyzing', 'ready']);

    // Patient, drugs, complete
    expect(await api.addPatient(id, { patient_id: 'P123', name: 'John Doe' })).toMatchObject({ status: 200, body: { version: 4 } });
    expect(await api.addDrugs(id, drugs)).toMatchObject({ status: 200, body: { version: 5, dispense: { drugs } } });
    const completed = await api.complete(id);
    expect(completed).toMatchObject({ status: 200, body: { id, version: 6, dispense: { status: 'complete', patient_id: 'P123' } } });

    // The read side catches up: the view equals the aggregate the last command returned
    const view = await viewAt(id, 6);
    expect(view).toMatchObject({ aggregate_type: 'Dispense', id, version: 6 });
    expect(view.dispense).toEqual(completed.body.dispense);
    expect((await api.list('?limit=100')).body.items).toContainEqual(view);

    // Terminal: every further command is refused, naming the state
    expect(await api.complete(id)).toMatchObject({ status: 409, body: { command: 'CompleteDispense', status: 'complete', message: expect.stringContaining('complete') } });
    expect(await api.cancel(id)).toMatchObject({ status: 409, body: { command: 'CancelDispense', status: 'complete' } });
    expect(await api.uploadUrl(id, { file_name: 'again.pdf' })).toMatchObject({ status: 409, body: { status: 'complete' } });
  });

  it('a duplicate S3 notification for an analyzed prescription changes nothing', async () => {
    // Prepare: a dispense analyzed from one upload
    const id: string = (await api.create()).body.id;
    const upload = await api.uploadUrl(id, { file_name: 'scan.png' });
    expect((await fetch(upload.body.upload_url, { method: 'PUT', body: jpg })).status).toBe(200);
    const ready = await viewAt(id, 3);

    // Act: the same object's notification again (at-least-once delivery), straight to the analyzer
    const notification = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: `${APP}-prescriptions` }, object: { key: upload.body.key, size: jpg.length, sequencer: '01' } },
        },
      ],
    };
    const result = await cloud.services.runner.invoke(`${APP}-projector-analyzer`, notification);

    // Assess
    expect(result).toMatchObject({ ok: true, payload: { outcomes: ['duplicate'] } });
    expect(await history(id)).toEqual(['pending', 'analyzing', 'ready']);
    expect((await api.get(id)).body).toEqual(ready);
  });

  it('refused transitions are 409 naming the current state and the command; bad input 400; unknown ids 404', async () => {
    const id: string = (await api.create()).body.id;
    expect(await api.complete(id)).toMatchObject({ status: 409, body: { message: 'CompleteDispense refused: the dispense is pending', status: 'pending' } });
    expect(await api.addDrugs(id, [])).toMatchObject({ status: 400, body: { errors: [{ path: 'drugs' }] } });
    expect(await api.uploadUrl(id, { file_name: 'notes.txt' })).toMatchObject({ status: 400, body: { errors: [{ path: 'file_name' }] } });
    expect(await api.cancel(id)).toMatchObject({ status: 200, body: { dispense: { status: 'cancelled' } } });
    expect(await api.addPatient(id, { patient_id: 'P1', name: 'Ann' })).toMatchObject({ status: 409, body: { command: 'AddPatient', status: 'cancelled' } });
    expect(await api.get('01JD0000000000000000000000')).toMatchObject({ status: 404 });
  });

  it('direct Invoke of the API function returns {statusCode, headers, body}, by its name and by dispensary-local-api', async () => {
    // Prepare
    const invoke = async (functionName: string, event: unknown) => {
      const response = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }));
      expect(response.FunctionError).toBeUndefined();
      return JSON.parse(new TextDecoder().decode(response.Payload)) as { statusCode: number; headers: Record<string, string>; body: string };
    };

    // Act
    const created = await invoke(`${APP}-api`, apiEvent('POST', '/dispenses', {}));
    const id = (JSON.parse(created.body) as { id: string }).id;
    const patient = await invoke('dispensary-local-api', apiEvent('POST', `/dispenses/${id}/patient`, { patient_id: 'P123', name: 'John Doe' }));

    // Assess
    expect(created).toEqual({ statusCode: 201, headers: expect.objectContaining({ 'content-type': 'application/json' }), body: expect.any(String) });
    expect(patient).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(patient.body)).toMatchObject({ id, version: 2, dispense: { patient_name: 'John Doe' } });
    const view = await viewAt(id, 2);
    expect(view.dispense).toEqual(JSON.parse(patient.body).dispense);
  });
});
