import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ecommerceApp } from '../../../src/apps/ecommerce/topology.ts';
import type { StoreDeps } from '../../../src/apps/ecommerce/shared/deps.ts';
import { provisionTable } from '../../../src/local-cloud/dynamodb/provision.ts';
import { dynamoDbClient } from '../cloud.ts';

/** Where the store's clock starts. */
const STORE_START = '2026-01-01T00:00:00.000Z';

/** Timestamps and index attributes of an event item written before the store's clock was advanced. */
export const eventItemStampedAtStart = {
  createdAt: STORE_START,
  updatedAt: STORE_START,
  _tn: 'EVENTS#EVENT',
  _sn: 'EVENTS',
  gsi1pk: 'EVENTS#EVENT',
  gsi1sk: `CREATED_AT#${STORE_START}`,
};

/** The ecommerce deps on a fresh table, with the test's clock and a consistent read of one item. */
export interface EcommerceStore extends StoreDeps {
  /** Moves the store's clock forward. */
  advance(ms: number): void;
  get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>;
  destroy(): void;
}

/**
 * A fresh copy of the ecommerce store table (keys, GSI, stream as the topology declares) on the
 * run's DynamoDB Local, with deps whose clock the test controls. For component tests of services.
 */
export async function createEcommerceStore(prefix: string): Promise<EcommerceStore> {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const table = `${prefix}-${randomUUID().slice(0, 8)}`;
  await provisionTable(raw, table, ecommerceApp().tables.store);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  let clock = Date.parse(STORE_START);
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
