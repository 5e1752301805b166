import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ecommerceApp } from '../../src/apps/ecommerce/topology.ts';
import type { StoreDeps } from '../../src/apps/ecommerce/shared/deps.ts';
import { provisionTable } from '../../src/local-cloud/dynamodb/provision.ts';
import { dynamoDbClient } from './cloud.ts';

/**
 * A fresh copy of the ecommerce store table (keys, GSI, stream as the topology declares) on the
 * run's DynamoDB Local, with deps whose clock the test controls. For component tests of services.
 */
export async function createStore(prefix: string): Promise<StoreDeps & { advance(ms: number): void; get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>; destroy(): void }> {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const table = `${prefix}-${randomUUID().slice(0, 8)}`;
  await provisionTable(raw, table, ecommerceApp().tables.store);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  return {
    client,
    table,
    now: () => new Date(clock).toISOString(),
    advance: (ms) => {
      clock += ms;
    },
    get: async (key) => (await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item,
    destroy: () => raw.destroy(),
  };
}
