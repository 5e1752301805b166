import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { OperationContext } from '../../../src/apps/ddb-client/operation.ts';
import { seededRandom } from '../../../src/apps/ddb-client/random.ts';
import { UserFactory } from '../../../src/apps/ddb-client/users.ts';

export const uniqueTableName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A users table without the department GSI: every QUERY fails with a ValidationException. */
export async function createTableWithoutGsi(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
}

/** An operation context on the table, seeded, with a fixed clock unless given one. */
export function operationContext(client: DynamoDBClient, tableName: string, overrides: Partial<OperationContext> = {}): OperationContext {
  const random = seededRandom(42);
  let tick = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(tick++);
  return {
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
    users: new UserFactory(random, now),
    random,
    now,
    batchSize: 3,
    scanMaxPages: 4,
    batchMaxAttempts: 8,
    batchBaseDelayMs: 1,
    ...overrides,
  };
}
