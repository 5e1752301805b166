import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { DeleteMessageCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { deployStack, type DeployedStack } from '../../src/local-cloud/deploy/deploy-stack.ts';
import type { ComputePlan, DeployedStorage, FunctionPlan, StoragePlan, TablePlan } from '../../src/local-cloud/deploy/plan.ts';
import { handBuiltStack } from '../support/stack-source.ts';
import { tableInput } from '../../src/local-cloud/dynamodb/provision.ts';
import { createKinesisClient } from '../../src/platform/kinesis.ts';
import { dynamoDbClient, startTestCloud, testCredentials } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const FUNCTIONS = fileURLToPath(new URL('../fixtures/functions/pipe-functions.ts', import.meta.url));

/** A test cloud with no app, SDK clients on it, and stacks deployed by hand (as a template loader would). */
export async function pipeCloud() {
  const cloud: LocalCloud = await startTestCloud({ apps: [] });
  const config = { endpoint: cloud.url, region: 'us-east-1', credentials: testCredentials };
  const sqs = new SQSClient(config);
  const kinesis: KinesisClient = createKinesisClient(config);
  const ddb: DynamoDBClient = dynamoDbClient();
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-pipes-'));
  const stacks: DeployedStack[] = [];

  const queueUrl = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  const helpers = {
    cloud,
    /** Deploys a stack; the defaults fill every kind it does not declare. */
    async deploy(name: string, storage: Partial<StoragePlan>, compute: (deployed: DeployedStorage) => Partial<ComputePlan>) {
      const stack = await deployStack(handBuiltStack(name, { storage, compute }), cloud.services, { retryBaseDelayMs: 50 });
      stacks.push(stack);
      return stack;
    },
    /** A stream-enabled table keyed by `pk`. */
    table: (name: string): TablePlan => ({ input: tableInput(name, { partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' }) }),
    /** A function of the fixture module, recording what it gets under its own name. */
    fn(name: string, exportName: 'accept' | 'refuse' | 'reportFailures' | 'enrich'): FunctionPlan {
      return {
        name,
        modulePath: FUNCTIONS,
        exportName,
        handler: `${FUNCTIONS}#${exportName}`,
        runtime: 'nodejs20.x',
        environment: { ...cloud.env, EVENTS_FILE: join(dir, `${name}.jsonl`) },
        timeoutSeconds: 10,
        memoryMb: 128,
      };
    },
    /** Every batch a fixture function received, in order. */
    calls<T = unknown>(name: string): T[][] {
      const file = join(dir, `${name}.jsonl`);
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T[]) : [];
    },
    put: (table: string, pk: string, attributes: Record<string, string> = {}) =>
      ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { S: v }])) } })),
    putRecord: (stream: string, partitionKey: string, data: string | object) =>
      kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: partitionKey, Data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)) })),
    send: async (queue: string, body: string | object) =>
      sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl(queue), MessageBody: typeof body === 'string' ? body : JSON.stringify(body) })),
    /** Sent in one request, so the pipe's poller receives them together. */
    sendBatch: async (queue: string, bodies: readonly object[]) =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl: await queueUrl(queue), Entries: bodies.map((body, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify(body) })) })),
    /** A queue's messages as they arrive (received and deleted), bodies parsed when JSON. */
    inbox(queue: string) {
      const messages: unknown[] = [];
      const until = (count: number) =>
        eventually(async () => {
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: await queueUrl(queue), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
          for (const message of Messages) {
            messages.push(parse(message.Body!));
            await sqs.send(new DeleteMessageCommand({ QueueUrl: await queueUrl(queue), ReceiptHandle: message.ReceiptHandle! }));
          }
          return messages.length >= count && messages;
        }, `${count} messages on ${queue}`);
      return { messages, until };
    },
    /** Visible and in-flight messages of a queue. */
    async depth(queue: string) {
      const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl(queue), AttributeNames: [...names] }));
      return { visible: Number(Attributes?.[names[0]]), inFlight: Number(Attributes?.[names[1]]) };
    },
    /** Every record of a Kinesis stream so far, data decoded (and parsed when JSON). */
    async streamRecords(stream: string) {
      const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
      const records: { partitionKey: string; data: unknown }[] = [];
      for (const shard of Shards) {
        const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
        const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
        for (const record of Records) records.push({ partitionKey: record.PartitionKey!, data: parse(Buffer.from(record.Data!).toString('utf8')) });
      }
      return records;
    },
    async close() {
      await Promise.all(stacks.map((stack) => stack.stop()));
      sqs.destroy();
      kinesis.destroy();
      ddb.destroy();
      await cloud.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return helpers;
}

export type PipeCloud = Awaited<ReturnType<typeof pipeCloud>>;

/** Generous: the machine is shared, and a wait only lasts this long when a test fails. */
export const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 20_000, intervalMs: 50, description });

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
