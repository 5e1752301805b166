import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type CreateTableCommandInput,
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
  return provisionTableSpec(client, { input: tableInput(name, table), ...(table.timeToLiveAttribute && { timeToLiveAttribute: table.timeToLiveAttribute }) });
}

/** A table as CreateTable takes it (on-demand billing), plus the attribute enabling TTL. */
export interface TableSpec {
  readonly input: CreateTableCommandInput & { TableName: string };
  readonly timeToLiveAttribute?: string;
}

/** Creates the table unless it exists, then enables its TTL attribute; answers its stream ARN. */
export async function provisionTableSpec(client: DynamoDBClient, spec: TableSpec): Promise<ProvisionedTable> {
  const name = spec.input.TableName;
  const existing = await describe(client, name);
  if (existing) return existing;
  const { TableDescription } = await client.send(new CreateTableCommand(spec.input));
  // DynamoDB Local answers with the table already ACTIVE: waiting and describing again only costs start time.
  const active = TableDescription?.TableStatus === 'ACTIVE';
  if (!active) await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name });
  if (spec.timeToLiveAttribute) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: spec.timeToLiveAttribute } }));
  }
  return active ? { name, streamArn: TableDescription.LatestStreamArn } : (await describe(client, name))!;
}

/** A topology table as CreateTable's input (on-demand, every GSI, the stream if declared). */
export function tableInput(name: string, table: TableDef): CreateTableCommandInput & { TableName: string } {
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
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(indexes.length > 0 && { GlobalSecondaryIndexes: indexes }),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
  };
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
