import type { SQSEvent } from 'aws-lambda';

const channel = new BroadcastChannel('eventloom-bench');

/** A no-op SQS handler that reports, at its start, which items it received and when. */
export async function handler(event: SQSEvent): Promise<void> {
  const startedAt = Date.now();
  const ids = event.Records.map((record) => {
    const envelope = JSON.parse(record.body) as { detail: { dynamodb: { Keys: { pk: { S: string } } } } };
    return envelope.detail.dynamodb.Keys.pk.S;
  });
  channel.postMessage({ ids, startedAt });
}
