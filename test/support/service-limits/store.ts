import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { dynamoDbClient } from '../cloud.ts';
import { provisionTable } from '../../../src/local-cloud/dynamodb/provision.ts';
import { createDeps, type Deps } from '../../../src/apps/service-limits/deps.ts';
import type { Table } from '../../../src/apps/service-limits/table.ts';
import { serviceLimitsApp } from '../../../src/apps/service-limits/topology.ts';

/** A fresh copy of `distributed-counter` (keys and stream as the topology declares) on the run's DynamoDB Local, with a fixed clock. */
export async function createServiceLimitsStore(prefix: string): Promise<{ table: Table; deps: Deps }> {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const name = `${prefix}-${randomUUID().slice(0, 8)}-distributed-counter`;
  await provisionTable(raw, name, serviceLimitsApp().tables['distributed-counter']);
  const table = { client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), name };
  return { table, deps: createDeps(table, { now: () => new Date('2026-01-01T00:00:00.000Z') }) };
}
