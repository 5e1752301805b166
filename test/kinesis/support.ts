import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamRecord } from 'aws-lambda';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../support/wait-for.ts';

/** Puts JSON records (`[partitionKey, data]`) in one PutRecords call, in order. */
export async function putJson(client: KinesisClient, streamName: string, records: readonly (readonly [string, Record<string, unknown>])[]) {
  const { FailedRecordCount, Records } = await client.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: records.map(([PartitionKey, data]) => ({ PartitionKey, Data: Buffer.from(JSON.stringify(data)) })),
    }),
  );
  if (FailedRecordCount) throw new Error(`${FailedRecordCount} records failed`);
  return Records!.map((record) => ({ shardId: record.ShardId!, sequenceNumber: record.SequenceNumber! }));
}

/** The records of every invocation of a fixture function, in order. */
export function invocations(eventsDir: string, fn: string): KinesisStreamRecord[][] {
  const file = join(eventsDir, `${fn}.jsonl`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as KinesisStreamRecord[]) : [];
}

/** The decoded JSON data of a delivered record. */
export const dataOf = (record: KinesisStreamRecord) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as { id: string; mode?: string };

export const idsOf = (batches: KinesisStreamRecord[][]) => batches.map((records) => records.map((record) => dataOf(record).id));

/** Receives and deletes every message waiting on a queue. */
export async function drainQueue(sqs: SQSClient, queueUrl: string): Promise<unknown[]> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  for (const message of Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
  return (Messages ?? []).map((message) => JSON.parse(message.Body!) as unknown);
}

export const eventually = <T>(check: () => T | Promise<T>, description: string) => waitFor(check, { timeoutMs: 20_000, description });
