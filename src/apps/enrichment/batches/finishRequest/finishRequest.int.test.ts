import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbClient } from '../../../../../test/support/cloud.ts';
import { provisionTable } from '../../../../local-cloud/dynamodb/provision.ts';
import type { Deps } from '../../shared/deps.ts';
import { StatusTable } from '../../shared/status-table.ts';
import { enrichmentApp } from '../../topology.ts';
import { finishClaim } from './finish-claim.ts';
import { finishRequest, type FinishDeps } from './finishRequest.ts';

const AT = Date.parse('2026-01-01T00:00:00.000Z');

describe('finishRequest runs once per request (component, DynamoDB Local)', () => {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const client = DynamoDBDocumentClient.from(raw);
  const table = `enrichment-finish-${randomUUID().slice(0, 8)}`;
  const status = new StatusTable(client, table);
  let clock = AT;

  beforeAll(async () => {
    await provisionTable(raw, table, enrichmentApp().tables.status);
  });
  afterAll(async () => {
    await raw.send(new DeleteTableCommand({ TableName: table }));
    raw.destroy();
  });

  /** A request with every one of its `batches` counted, ready to finish. */
  async function countedRequest(batches: number): Promise<string> {
    const requestId = randomUUID();
    await status.create({ requestId, requestHash: randomUUID(), createdAt: new Date(AT).toISOString(), totalBatches: batches, contactCount: batches * 100 });
    for (let index = 0; index < batches; index++) await status.countBatch(requestId, index, new Date(AT).toISOString());
    return requestId;
  }

  function finishDeps(assemble: FinishDeps['assemble'], leaseMs?: number): FinishDeps {
    const now = () => new Date(clock).toISOString();
    return { status, storage: undefined as unknown as Deps['storage'], sqs: undefined as unknown as Deps['sqs'], now, newId: randomUUID, claim: finishClaim(client, table, leaseMs), assemble };
  }

  it('assembles once when several finish messages for one request run at once', async () => {
    // Prepare
    const requestId = await countedRequest(3);
    const runs: string[] = [];
    const deps = finishDeps(async (id) => {
      runs.push(id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });

    // Act
    await Promise.all(Array.from({ length: 4 }, () => finishRequest(deps, { requestId })));
    await finishRequest(deps, { requestId });

    // Assess
    expect(runs).toEqual([requestId]);
    expect(await status.get(requestId)).toMatchObject({ status: 'completed' });
  });

  it('lets a redelivered message finish once the claim of a run that died has lapsed, not before', async () => {
    // Prepare: a first run claims, then dies while assembling.
    const requestId = await countedRequest(1);
    const dying = finishDeps(async () => {
      throw new Error('killed mid-assembly');
    }, 1_000);
    await expect(finishRequest(dying, { requestId })).rejects.toThrow('killed');
    const runs: string[] = [];
    const healthy = finishDeps(async (id) => void runs.push(id), 1_000);

    // Act
    await finishRequest(healthy, { requestId });
    const blocked = [...runs];
    clock += 1_001;
    await finishRequest(healthy, { requestId });

    // Assess
    expect(blocked).toEqual([]);
    expect(runs).toEqual([requestId]);
    expect(await status.get(requestId)).toMatchObject({ status: 'completed' });
  });

  it('claims nothing for a request with batches still to count', async () => {
    const requestId = randomUUID();
    await status.create({ requestId, requestHash: randomUUID(), createdAt: new Date(AT).toISOString(), totalBatches: 2, contactCount: 200 });
    await status.countBatch(requestId, 0, new Date(AT).toISOString());
    expect(await finishClaim(client, table)(requestId, new Date(clock).toISOString())).toBe(false);
  });
});
