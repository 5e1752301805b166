import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '../../../../test/support/aws-events.ts';
import { silentLogger } from '../../../platform/log.ts';
import { executeCommand } from '../event-log/command-handler.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { fromItem } from '../event-log/records.ts';
import { projectEvent } from '../projector-views/project.ts';
import { createDispensaryStore, type DispensaryStore } from '../../../../test/support/dispensary/store.ts';
import { dispensaryApi } from './api.ts';

/** A payload 2.0 event as a hand-built direct Invoke sends it (routeKey `$default`: routed by method and path). */
const directInvoke = (method: string, path: string, body?: unknown, query?: Record<string, string>): APIGatewayProxyEventV2 => apiEvent({ method, path, body, query });

describe('dispensary API (component, DynamoDB Local)', () => {
  let store: DispensaryStore;
  let s3: S3Client;
  let api: ReturnType<typeof dispensaryApi>;
  const call = async (method: string, path: string, body?: unknown, query?: Record<string, string>) => {
    const result = await api(directInvoke(method, path, body, query));
    return { status: result.statusCode, headers: result.headers, body: JSON.parse(result.body ?? 'null') };
  };
  const create = async () => (await call('POST', '/dispenses', {})).body.id as string;
  /** Brings the view up to date, as the projector would from Kinesis. */
  const project = async (id: string) => {
    const { Items = [] } = await store.client.send(
      new QueryCommand({ TableName: store.eventLogTable, KeyConditionExpression: 'AggregateTypeAndId = :k', ExpressionAttributeValues: { ':k': `Dispense:${id}` }, ConsistentRead: true }),
    );
    for (const item of Items) await projectEvent(store, fromItem(item));
  };

  beforeAll(async () => {
    store = await createDispensaryStore('dispensary-api');
    // A real presigner; signing is local, nothing is sent to this endpoint.
    s3 = new S3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    api = dispensaryApi(
      {
        ...store,
        bucket: 'test-prescriptions',
        presignPut: (bucket, key, { contentType, expiresInSeconds }) =>
          getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), { expiresIn: expiresInSeconds }),
      },
      silentLogger,
    );
  });
  afterAll(() => {
    s3.destroy();
    store.destroy();
  });

  it('POST /dispenses → 201 with the new state, version 1 and a Location', async () => {
    const response = await call('POST', '/dispenses', {});
    expect(response).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^[0-9A-Z]{26}$/), version: 1, dispense: { status: 'pending', drugs: [] } } });
    expect(response.headers).toMatchObject({ location: `/dispenses/${response.body.id}` });
    expect(response.body.dispense.id).toBe(response.body.id);
  });

  it('commands answer the new state and version; refused ones 409 naming the state and the command', async () => {
    // Prepare
    const id = await create();

    // Act
    const patient = await call('POST', `/dispenses/${id}/patient`, { patient_id: 'P123', name: 'John Doe' });
    const drugs = await call('POST', `/dispenses/${id}/drugs`, { drugs: [{ drug_id: 'D1', name: 'Aspirin', quantity: 30 }] });
    const complete = await call('POST', `/dispenses/${id}/complete`);
    const cancel = await call('DELETE', `/dispenses/${id}`);
    const afterCancel = await call('POST', `/dispenses/${id}/patient`, { patient_id: 'P9', name: 'X' });

    // Assess
    expect(patient).toMatchObject({ status: 200, body: { id, version: 2, dispense: { patient_id: 'P123', patient_name: 'John Doe' } } });
    expect(drugs).toMatchObject({ status: 200, body: { version: 3, dispense: { drugs: [{ drug_id: 'D1', name: 'Aspirin', quantity: 30 }] } } });
    expect(complete).toEqual({ status: 409, headers: expect.anything(), body: { message: 'CompleteDispense refused: the dispense is pending', command: 'CompleteDispense', status: 'pending' } });
    expect(cancel).toMatchObject({ status: 200, body: { version: 4, dispense: { status: 'cancelled' } } });
    expect(afterCancel).toMatchObject({ status: 409, body: { command: 'AddPatient', status: 'cancelled', message: expect.stringContaining('cancelled') } });
  });

  it('GET /dispenses/{id} reads the view with its version; 404 before it exists and for unknown ids; 400 for a non-ULID', async () => {
    // Prepare
    const id = await create();
    await call('POST', `/dispenses/${id}/patient`, { patient_id: 'P1', name: 'Ann' });
    const beforeProjection = await call('GET', `/dispenses/${id}`);
    await project(id);

    // Act
    const response = await call('GET', `/dispenses/${id}`);

    // Assess
    expect(beforeProjection.status).toBe(404);
    expect(response).toMatchObject({ status: 200, body: { aggregate_type: 'Dispense', id, version: 2, command_id: expect.any(String) } });
    expect(response.body.dispense).toEqual((await loadDispense(store, id)).state);
    expect(await call('GET', `/dispenses/${store.newId()}`)).toMatchObject({ status: 404, body: { message: expect.stringContaining('not found') } });
    expect(await call('GET', '/dispenses/not-a-ulid')).toMatchObject({ status: 400, body: { errors: [{ path: 'id' }] } });
  });

  it('commands on an unknown dispense are 404', async () => {
    const unknown = store.newId();
    for (const [method, path, body] of [
      ['DELETE', `/dispenses/${unknown}`],
      ['POST', `/dispenses/${unknown}/patient`, { patient_id: 'P', name: 'N' }],
      ['POST', `/dispenses/${unknown}/complete`],
      ['POST', `/dispenses/${unknown}/prescription/upload-url`, { file_name: 'a.jpg' }],
    ] as const) {
      expect(await call(method, path, body), `${method} ${path}`).toMatchObject({ status: 404, body: { message: `Dispense ${unknown} not found` } });
    }
  });

  it('invalid bodies are 400 naming the field', async () => {
    const id = await create();
    const cases: [string, unknown, string][] = [
      ['patient', { name: 'Ann' }, 'patient_id'],
      ['patient', { patient_id: '  ', name: 'Ann' }, 'patient_id'],
      ['drugs', { drugs: [] }, 'drugs'],
      ['drugs', { drugs: [{ drug_id: 'D1', name: 'A', quantity: 0 }] }, 'drugs.0.quantity'],
      ['drugs', { drugs: [{ drug_id: 'D1', name: 'A', quantity: '3' }] }, 'drugs.0.quantity'],
      ['prescription/upload-url', { content_type: 'image/jpeg' }, 'file_name'],
      ['prescription/upload-url', { file_name: 'scan.gif' }, 'file_name'],
      ['prescription/upload-url', { file_name: 'scan', content_type: 'text/plain' }, 'content_type'],
      ['prescription/upload-url', { file_name: 'scan.png', content_type: 'image/jpeg' }, 'content_type'],
      ['patient', [], ''],
    ];
    for (const [action, body, field] of cases) {
      const response = await call('POST', `/dispenses/${id}/${action}`, body);
      expect(response, `${action} ${JSON.stringify(body)}`).toMatchObject({ status: 400, body: { message: 'Bad Request', errors: expect.arrayContaining([expect.objectContaining({ path: field })]) } });
    }
    expect(await call('POST', `/dispenses/${id}/patient`, '{not json')).toMatchObject({ status: 400 });
    expect((await loadDispense(store, id)).version).toBe(1);
  });

  it('upload URL: a presigned PUT for 3600 s at prescriptions/<id>/<ulid>.<ext>; 409 once the dispense is past pending', async () => {
    // Prepare
    const id = await create();

    // Act
    const byName = await call('POST', `/dispenses/${id}/prescription/upload-url`, { file_name: 'prescription.JPG', content_type: 'image/jpeg' });
    const byType = await call('POST', `/dispenses/${id}/prescription/upload-url`, { file_name: 'scan', content_type: 'application/pdf' });

    // Assess
    expect(byName).toMatchObject({ status: 200, body: { prescription_id: expect.stringMatching(/^[0-9A-Z]{26}$/), expires_in: 3600 } });
    expect(byName.body.key).toBe(`prescriptions/${id}/${byName.body.prescription_id}.jpg`);
    const url = new URL(byName.body.upload_url);
    expect(url.pathname).toBe(`/test-prescriptions/${byName.body.key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(byType.body.key).toMatch(new RegExp(`^prescriptions/${id}/[0-9A-Z]{26}\\.pdf$`));
    expect((await loadDispense(store, id)).version).toBe(1);

    // Act: once analyzing, another upload would be refused
    await executeCommand(store, id, { type: 'UploadPrescription', data: { prescription_id: byName.body.prescription_id, url: 's3://b/k.jpg' } });
    expect(await call('POST', `/dispenses/${id}/prescription/upload-url`, { file_name: 'again.png' })).toMatchObject({
      status: 409,
      body: { command: 'UploadPrescription', status: 'analyzing' },
    });
  });

  it('GET /dispenses lists views page by page with a cursor; a bad cursor or limit is 400', async () => {
    // Prepare
    const ids = [await create(), await create(), await create()];
    for (const id of ids) await project(id);

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', '/dispenses', undefined, { limit: '2', ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((v: { id: string; version: number }) => v.id));
      cursor = page.body.next_cursor;
    } while (cursor);

    // Assess
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
    expect(await call('GET', '/dispenses', undefined, { cursor: 'garbage' })).toMatchObject({ status: 400, body: { errors: [{ path: 'cursor' }] } });
    expect(await call('GET', '/dispenses', undefined, { limit: '0' })).toMatchObject({ status: 400, body: { errors: [{ path: 'limit' }] } });
  });

  it('a request the gateway routed is served by its route key and path parameters', async () => {
    // Prepare
    const created = await api(apiEvent({ method: 'POST', path: '/dispenses', routeKey: 'POST /dispenses', body: {} }));
    const { id } = JSON.parse(created.body!) as { id: string };

    // Act: the gateway decoded the id; the raw path is not read again
    const patient = await api(apiEvent({ method: 'POST', path: '/ignored', routeKey: 'POST /dispenses/{id}/patient', pathParameters: { id }, body: { patient_id: 'P7', name: 'Eve' } }));
    const invalid = await api(apiEvent({ method: 'POST', path: '/ignored', routeKey: 'POST /dispenses/{id}/patient', pathParameters: { id: 'nope' }, body: {} }));

    // Assess
    expect(created).toMatchObject({ statusCode: 201, headers: { location: `/dispenses/${id}` } });
    expect(patient).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(patient.body!)).toMatchObject({ id, version: 2, dispense: { patient_id: 'P7' } });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body!).errors.map((e: { path: string }) => e.path)).toEqual(['id', 'patient_id', 'name']);
  });

  it('unknown routes are 404, a known path with another method 405', async () => {
    expect(await call('GET', '/nope')).toMatchObject({ status: 404 });
    expect(await call('PUT', '/dispenses')).toMatchObject({ status: 405, headers: { allow: 'POST, GET' }, body: { message: 'Method PUT not allowed on /dispenses' } });
    expect(await call('GET', '/nope')).toMatchObject({ body: { message: 'No route for GET /nope' } });
  });
});
