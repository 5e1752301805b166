import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { assembleOutput } from '../../../src/apps/enrichment/batches/finishRequest/output-stream.ts';
import { splitRequest, type SplitRequestDeps } from '../../../src/apps/enrichment/batches/splitRequest/splitRequest.ts';
import { inputKey, outputKey, partKey } from '../../../src/apps/enrichment/shared/keys.ts';
import { StatusTable } from '../../../src/apps/enrichment/shared/status-table.ts';
import { Storage } from '../../../src/apps/enrichment/shared/storage.ts';
import { enrichmentApp } from '../../../src/apps/enrichment/topology.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { provisionTable } from '../../../src/local-cloud/dynamodb/provision.ts';
import { dynamoDbClient, startTestCloud, testCredentials } from '../../support/cloud.ts';
import { s3Client } from '../../s3/support.ts';
import { contacts } from './harness.ts';

const AT = '2026-01-01T00:00:00.000Z';
const FIELDS = ['professional_email', 'personal_phone'];

describe('enrichment workers on the local cloud (component: real SQS, S3 and DynamoDB Local)', () => {
  const raw = dynamoDbClient(inject('dynamoDbEndpoint'));
  const table = `enrichment-components-${randomUUID().slice(0, 8)}`;
  const bucket = `enrichcomp-${randomUUID().slice(0, 8)}`;
  let cloud: LocalCloud;
  let sqs: SQSClient;
  let deps: Omit<SplitRequestDeps, 'batchQueueUrl'>;

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [] });
    await provisionTable(raw, table, enrichmentApp().tables.status);
    const s3 = s3Client(cloud.url);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    sqs = new SQSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials });
    deps = { status: new StatusTable(DynamoDBDocumentClient.from(raw), table), storage: new Storage(s3, bucket), sqs, now: () => AT, newId: randomUUID };
  });
  afterAll(async () => {
    sqs?.destroy();
    deps?.storage.client.destroy();
    await raw.send(new DeleteTableCommand({ TableName: table }));
    raw.destroy();
    await cloud?.stop();
  });

  /** A stored request: its input and its `processing` record. */
  async function storedRequest(sent: ReturnType<typeof contacts>): Promise<string> {
    const requestId = randomUUID();
    await deps.storage.putJson(inputKey(requestId), { contacts: sent, fields_to_enrich: FIELDS });
    await deps.status.create({ requestId, requestHash: randomUUID(), createdAt: AT, totalBatches: Math.ceil(sent.length / 100), contactCount: sent.length });
    return requestId;
  }

  async function queue(attributes: Record<string, string> = {}): Promise<string> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `enrichcomp-${randomUUID().slice(0, 8)}`, Attributes: attributes }));
    return QueueUrl!;
  }

  async function receiveAll(queueUrl: string, expected: number): Promise<{ id: string; body: { batchIndex: number; contacts: unknown[] } }[]> {
    const received: { id: string; body: { batchIndex: number; contacts: unknown[] } }[] = [];
    while (received.length < expected) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (Messages.length === 0) break;
      received.push(...Messages.map((m) => ({ id: m.MessageId!, body: JSON.parse(m.Body!) })));
    }
    return received;
  }

  describe('splitRequest', () => {
    it('sends one batch message per 100 contacts and records the split', async () => {
      // Prepare
      const batchQueueUrl = await queue();
      const sent = contacts(250, 'split');
      const requestId = await storedRequest(sent);

      // Act
      await splitRequest({ ...deps, batchQueueUrl }, { requestId });

      // Assess
      const messages = (await receiveAll(batchQueueUrl, 3)).map((m) => m.body).sort((a, b) => a.batchIndex - b.batchIndex);
      expect(messages.map((m) => [m.batchIndex, m.contacts.length])).toEqual([[0, 100], [1, 100], [2, 50]]);
      expect(messages.flatMap((m) => m.contacts)).toEqual(sent);
      expect(await deps.status.get(requestId)).toMatchObject({ status: 'processing', splitAt: AT });
    });

    it('fails the request at once, naming the reason, when SQS refuses a batch (sender fault)', async () => {
      // Prepare: the queue takes messages of at most 1 KiB; a batch of 100 contacts is larger
      const batchQueueUrl = await queue({ MaximumMessageSize: '1024' });
      const requestId = await storedRequest(contacts(150, 'refused'));

      // Act: resolves (nothing to redeliver)
      await splitRequest({ ...deps, batchQueueUrl }, { requestId });

      // Assess
      const record = await deps.status.get(requestId);
      expect(record).toMatchObject({ status: 'failed', failedAt: AT, failureReason: expect.stringContaining('sender fault') });
      expect(record?.failureReason).toContain(`${requestId}-0`);
      expect(record?.splitAt).toBeUndefined();
    });
  });

  describe('assembleOutput', () => {
    let unhandled: unknown[];
    const record = (reason: unknown) => void unhandled.push(reason);
    beforeEach(() => {
      unhandled = [];
      process.on('unhandledRejection', record);
    });
    afterEach(() => {
      process.off('unhandledRejection', record);
    });

    it('writes output.json from the parts in batch order', async () => {
      // Prepare
      const requestId = randomUUID();
      const sent = contacts(5, 'parts');
      await Promise.all(sent.map((contact, index) => deps.storage.putJson(partKey(requestId, index), [contact])));

      // Act
      await assembleOutput(deps.storage, requestId, sent.length, { prefetch: 2 });

      // Assess
      expect(await deps.storage.getJson(outputKey(requestId))).toEqual({ enriched_contacts: sent });
    });

    it('fails cleanly on a missing part: a rejected promise, no unhandled rejection, no output', async () => {
      // Prepare: parts 1 and 3 are missing; 3 is read ahead and never awaited
      const requestId = randomUUID();
      for (const index of [0, 2, 4]) await deps.storage.putJson(partKey(requestId, index), [{ n: index }]);

      // Act
      const assembling = assembleOutput(deps.storage, requestId, 5);

      // Assess
      await expect(assembling).rejects.toThrow(`${partKey(requestId, 1)} does not exist`);
      // every read ahead has settled once a read of the same bucket made after them has
      await deps.storage.getText(partKey(requestId, 4));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(await deps.storage.getText(outputKey(requestId))).toBeUndefined();
    });
  });
});
