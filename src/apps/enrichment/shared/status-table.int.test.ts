import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbClient } from '../../../../test/support/cloud.ts';
import { provisionTable } from '../../../local-cloud/dynamodb/provision.ts';
import { enrichmentApp } from '../topology.ts';
import { StatusTable, type NewRequest } from './status-table.ts';

const AT = '2026-01-01T00:00:00.000Z';
const request = (totalBatches: number, requestHash: string = randomUUID()): NewRequest => ({ requestId: randomUUID(), requestHash, createdAt: AT, totalBatches, contactCount: totalBatches * 100 });

describe('StatusTable (component, DynamoDB Local)', () => {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const table = `enrichment-status-${randomUUID().slice(0, 8)}`;
  const status = new StatusTable(DynamoDBDocumentClient.from(raw), table);

  beforeAll(async () => {
    await provisionTable(raw, table, enrichmentApp().tables.status);
  });
  afterAll(async () => {
    await raw.send(new DeleteTableCommand({ TableName: table }));
    raw.destroy();
  });

  it('creates a processing record with nothing counted', async () => {
    const created = request(3);
    expect(await status.create(created)).toEqual({ created: true });
    expect(await status.get(created.requestId)).toMatchObject({ ...created, status: 'processing', processedBatches: 0 });
    expect(await status.findByHash(created.requestHash)).toBe(created.requestId);
  });

  it('of identical requests created at once, exactly one is created and the others get its id', async () => {
    // Prepare
    const hash = randomUUID();
    const racers = Array.from({ length: 5 }, () => request(1, hash));

    // Act
    const outcomes = await Promise.all(racers.map((r) => status.create(r)));

    // Assess
    const winners = racers.filter((_, i) => outcomes[i]!.created);
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) if (!outcome.created) expect(outcome.requestId).toBe(winners[0]!.requestId);
  });

  it('takes the hash over from a failed request only where it still points there: of racing retries, exactly one creates', async () => {
    // Prepare
    const failed = request(1);
    await status.create(failed);
    await status.fail(failed.requestId, AT, 'dead letter');
    const retries = Array.from({ length: 4 }, () => request(1, failed.requestHash));

    // Act
    const outcomes = await Promise.all(retries.map((r) => status.create(r, failed.requestId)));

    // Assess
    const winners = retries.filter((_, i) => outcomes[i]!.created);
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) if (!outcome.created) expect(outcome.requestId).toBe(winners[0]!.requestId);
    expect(await status.findByHash(failed.requestHash)).toBe(winners[0]!.requestId);
    expect(await status.get(failed.requestId)).toMatchObject({ status: 'failed' });
  });

  it('counts each batch exactly once however often and concurrently it is delivered', async () => {
    // Prepare
    const created = request(6);
    await status.create(created);
    const deliveries = [0, 1, 2, 3, 4, 5, 0, 2, 4, 5, 5, 1].map((batch) => status.countBatch(created.requestId, batch, AT));

    // Act
    const results = await Promise.all(deliveries);

    // Assess
    expect(results.filter((r) => r === 'counted')).toHaveLength(6);
    expect(await status.get(created.requestId)).toMatchObject({ processedBatches: 6 });
    expect(await status.isBatchCounted(created.requestId, 3)).toBe(true);
    expect(await status.isBatchCounted(created.requestId, 6)).toBe(false);
  });

  it('completes only a processing request whose batches are all counted, once', async () => {
    const created = request(2);
    await status.create(created);
    await status.countBatch(created.requestId, 0, AT);
    expect(await status.complete(created.requestId, AT)).toBe(false);
    await status.countBatch(created.requestId, 1, AT);
    expect(await Promise.all([status.complete(created.requestId, AT), status.complete(created.requestId, AT)])).toEqual(expect.arrayContaining([true, false]));
    expect(await status.get(created.requestId)).toMatchObject({ status: 'completed', completedAt: AT });
    expect(await status.fail(created.requestId, AT, 'late dead letter')).toBe(false);
  });

  it('fails a processing request, never an unknown one', async () => {
    const created = request(2);
    await status.create(created);
    expect(await status.fail(created.requestId, AT, 'batch 1 exhausted its retries')).toBe(true);
    expect(await status.get(created.requestId)).toMatchObject({ status: 'failed', failedAt: AT, failureReason: 'batch 1 exhausted its retries' });
    expect(await status.complete(created.requestId, AT)).toBe(false);
    const unknown = randomUUID();
    expect(await status.fail(unknown, AT, 'x')).toBe(false);
    expect(await status.get(unknown)).toBeUndefined();
  });
});
