// The README's "Use eventloom in your project" test, run with vitest in a folder where only the
// eventloom tarball (and vitest) is installed.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloud, type Cloud } from 'eventloom';

let cloud: Cloud;

beforeAll(async () => {
  cloud = await startCloud({ template: 'template.yaml' });
  // SDK clients in the test find the local cloud the way the functions do: from the environment.
  Object.assign(process.env, cloud.env);
}, 60_000);

afterAll(() => cloud?.stop());

it('ships an accepted order', async () => {
  const response = await fetch(`${cloud.outputs.ApiUrl}/orders/o-1`, { method: 'POST' });
  expect(response.status).toBe(202);

  await cloud.settled({ timeoutMs: 10_000 });

  const dynamodb = new DynamoDBClient({});
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: cloud.outputs.ShipmentsTable, Key: { id: { S: 'o-1' } } }));
  expect(Item?.id?.S).toBe('o-1');
});
