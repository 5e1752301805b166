import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/local-cloud/cloud.ts';
import { silentLogger } from '../../src/platform/log.ts';

/** A local cloud on the run's shared DynamoDB Local, a free port, in-memory state and short retry delays. */
export function startTestCloud(options: Pick<LocalCloudOptions, 'apps'> & Partial<LocalCloudOptions>): Promise<LocalCloud> {
  return startLocalCloud({
    port: 0,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    logger: silentLogger,
    retryBaseDelayMs: 50,
    asyncRetryDelaysMs: [100, 200],
    ...options,
  });
}

export const testCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoDbClient(endpoint = inject('dynamoDbEndpoint')): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: testCredentials });
}

/** Reads a marker item written by a fixture handler (undefined until it exists). */
export async function readMarker(client: DynamoDBClient, table: string, pk: string): Promise<unknown> {
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true }));
  return Item?.payload?.S ? JSON.parse(Item.payload.S) : undefined;
}

export async function countItems(client: DynamoDBClient, table: string, prefix = ''): Promise<number> {
  return (await markerKeys(client, table, prefix)).length;
}

/** Every `pk` in a table (starting with `prefix`). */
export async function markerKeys(client: DynamoDBClient, table: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) if (item.pk?.S?.startsWith(prefix)) keys.push(item.pk.S);
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (ExclusiveStartKey);
  return keys;
}
