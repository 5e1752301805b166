import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { pipelineApp } from '../fixtures/apps/pipeline-app.ts';
import { dynamoDbClient, readMarker, startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'wakeonwrite';
const items = `${APP}-items`;
const markers = `${APP}-markers`;
/** Readers that, unwoken, poll a stream once a minute: a delivery well within that was woken by the write. */
const SLOW_POLLS = { min: 60_000, max: 60_000 };

describe('a write through the main port wakes its stream readers', () => {
  let cloud: LocalCloud;
  let viaCloud: DynamoDBClient;
  let direct: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [pipelineApp(APP)], streamPollIntervalMs: SLOW_POLLS });
    viaCloud = new DynamoDBClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1', credentials: testCredentials });
    direct = dynamoDbClient();
  });
  afterAll(async () => {
    viaCloud?.destroy();
    direct?.destroy();
    await cloud?.stop();
  });

  it('points the SDK environment at the main port', () => {
    expect(cloud.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(cloud.url);
    expect(cloud.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS).toBe(cloud.url);
  });

  it('delivers to the pipe and to the stream mapping of the table at once, from one shared read', async () => {
    const streamArn = cloud.apps[0]!.tables.get('items')!.streamArn!;
    const readsBefore = cloud.services.streamFeeds.getRecordsCount(streamArn);

    await viaCloud.send(new PutItemCommand({ TableName: items, Item: { pk: { S: 'woken-1' }, kind: { S: 'work' } } }));
    await viaCloud.send(new PutItemCommand({ TableName: items, Item: { pk: { S: 'woken-2' }, kind: { S: 'stream' } } }));

    await waitFor(() => readMarker(direct, markers, 'worker#woken-1').then((marker) => marker !== undefined), { timeoutMs: 20_000, description: 'the pipe → SQS worker marker' });
    await waitFor(() => readMarker(direct, markers, 'stream#woken-2#INSERT').then((marker) => marker !== undefined), { timeoutMs: 20_000, description: 'the stream mapping marker' });
    // Two consumers, each woken by two writes: the shared feed read the shard a few times, not once per consumer and write.
    expect(cloud.services.streamFeeds.getRecordsCount(streamArn) - readsBefore).toBeGreaterThan(0);
  });
});
