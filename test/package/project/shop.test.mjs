// A user's own test of their template app, run with `node --test` in a folder where only the
// eventloom tarball is installed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startCloud } from 'eventloom';

let cloud;
before(async () => {
  cloud = await startCloud({ template: 'template.yaml' });
});
after(() => cloud?.stop());

test('an order is shipped once the cloud has settled', async () => {
  const response = await fetch(`${cloud.outputs.ApiUrl}/orders/o-1?delayMs=100`, { method: 'POST' });
  assert.equal(response.status, 202);

  await cloud.settled({ timeoutMs: 30_000 });

  const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.env.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: cloud.outputs.ShipmentsTable, Key: { id: { S: 'o-1' } }, ConsistentRead: true }));
  dynamodb.destroy();
  assert.equal(Item?.id?.S, 'o-1');
});
