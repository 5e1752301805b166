import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex as SdkGsi,
} from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDef } from '../../platform/topology/types.ts';

export interface ProvisionedTable {
  readonly name: string;
  readonly streamArn: string | undefined;
}

/** Creates the table as declared unless it exists (a persistent data directory keeps it across restarts). */
export async function provisionTable(client: DynamoDBClient, name: string, table: TableDef): Promise<ProvisionedTable> {
  const existing = await describe(client, name);
  if (existing) return existing;
  const attributes = new Map<string, AttributeDefinition>();
  const add = (key: KeyAttribute | undefined) => key && attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  add(table.partitionKey);
  add(table.sortKey);
  const indexes: SdkGsi[] = (table.globalSecondaryIndexes ?? []).map((gsi) => {
    add(gsi.partitionKey);
    add(gsi.sortKey);
    const projection = gsi.projection ?? 'ALL';
    return {
      IndexName: gsi.name,
      KeySchema: [
        { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' },
        ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      Projection: typeof projection === 'string' ? { ProjectionType: projection } : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.include] },
    };
  });
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes.values()],
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      ...(indexes.length > 0 && { GlobalSecondaryIndexes: indexes }),
      ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name });
  if (table.timeToLiveAttribute) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute } }));
  }
  return (await describe(client, name))!;
}

async function describe(client: DynamoDBClient, name: string): Promise<ProvisionedTable | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return { name, streamArn: Table?.LatestStreamArn };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
