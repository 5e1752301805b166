import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { KeyAttribute } from '../../platform/topology/types.ts';

/** The GSI the QUERY operation reads: users by department. */
export const DEPARTMENT_INDEX = 'department';
export const USERS_TABLE_KEYS = {
  partitionKey: { name: 'id', type: 'S' },
  departmentKey: { name: 'department', type: 'S' },
} as const satisfies Record<string, KeyAttribute>;

/** True when the table exists (any status). */
export async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** `--create-table`: the topology's users table (on-demand, same keys and GSI), then waits for ACTIVE. Returns false when it already existed. */
export async function createUsersTableIfMissing(client: DynamoDBClient, tableName: string, maxWaitSeconds = 300): Promise<boolean> {
  if (await tableExists(client, tableName)) return false;
  const { partitionKey, departmentKey } = USERS_TABLE_KEYS;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
          { AttributeName: departmentKey.name, AttributeType: departmentKey.type },
        ],
        KeySchema: [{ AttributeName: partitionKey.name, KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { IndexName: DEPARTMENT_INDEX, KeySchema: [{ AttributeName: departmentKey.name, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
      }),
    );
  } catch (error) {
    // Another client created it between our DescribeTable and CreateTable: the table is there, which is what was asked.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: maxWaitSeconds, minDelay: 1, maxDelay: 5 }, { TableName: tableName });
  return true;
}
