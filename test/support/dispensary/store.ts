import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { inject } from 'vitest';
import { dynamoDbClient } from '../cloud.ts';
import { provisionTable } from '../../../src/local-cloud/dynamodb/provision.ts';
import type { EventLogDeps } from '../../../src/apps/dispensary/event-log/deps.ts';
import { dispensaryApp } from '../../../src/apps/dispensary/topology.ts';

export interface DispensaryStore extends EventLogDeps {
  readonly viewsTable: string;
  /** Moves the store's clock forward. */
  advance(ms: number): void;
  destroy(): void;
}

/**
 * Fresh copies of the dispensary's three tables (keys and stream as the topology declares) on the
 * run's DynamoDB Local, with a clock the test controls. For component tests.
 */
export async function createDispensaryStore(prefix: string): Promise<DispensaryStore> {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const { tables } = dispensaryApp();
  const suffix = randomUUID().slice(0, 8);
  const [eventLogTable, snapshotsTable, viewsTable] = ['event-log', 'event-snapshots', 'dispenses-view'].map((t) => `${prefix}-${suffix}-${t}`) as [string, string, string];
  await provisionTable(raw, eventLogTable, tables['event-log']);
  await provisionTable(raw, snapshotsTable, tables['event-snapshots']);
  await provisionTable(raw, viewsTable, tables['dispenses-view']);
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  const newId = monotonicFactory();
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    eventLogTable,
    snapshotsTable,
    viewsTable,
    now: () => new Date(clock).toISOString(),
    newId: () => newId(clock),
    advance: (ms) => {
      clock += ms;
    },
    destroy: () => raw.destroy(),
  };
}
