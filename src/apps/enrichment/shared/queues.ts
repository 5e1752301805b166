import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;

/** The SQS client app code shares, configured from the environment (`AWS_ENDPOINT_URL_SQS` locally). */
export function sqs(): SQSClient {
  client ??= new SQSClient({});
  return client;
}

export interface SendAllOptions {
  /** SendMessageBatch calls in flight. Default 4. */
  concurrency?: number;
  /** Rounds for entries a call reports as failed (retryable ones only). Default 5. */
  attempts?: number;
}

/**
 * Sends every entry with SendMessageBatch, 10 per call, and re-sends the entries a call reports in
 * `Failed` (SQS answers 200 even when some entries failed), with a short backoff, a bounded number
 * of times. Throws when entries still fail, naming them.
 */
export async function sendAll(client: SQSClient, queueUrl: string, entries: readonly SendMessageBatchRequestEntry[], options: SendAllOptions = {}): Promise<void> {
  const { concurrency = 4, attempts = 5 } = options;
  const groups: SendMessageBatchRequestEntry[][] = [];
  for (let i = 0; i < entries.length; i += 10) groups.push(entries.slice(i, i + 10));
  let next = 0;
  const lane = async () => {
    while (next < groups.length) await sendGroup(client, queueUrl, groups[next++]!, attempts);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, lane));
}

async function sendGroup(client: SQSClient, queueUrl: string, group: SendMessageBatchRequestEntry[], attempts: number): Promise<void> {
  let pending = group;
  for (let attempt = 1; ; attempt++) {
    const { Failed = [] } = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
    if (Failed.length === 0) return;
    // A sender fault (e.g. a body over the size limit) fails the same way every time.
    const permanent = Failed.filter((failure) => failure.SenderFault);
    if (permanent.length > 0 || attempt >= attempts) {
      const detail = Failed.map((failure) => `${failure.Id}: ${failure.Code} ${failure.Message ?? ''}`.trim()).join('; ');
      throw new Error(`SendMessageBatch failed for ${Failed.length} entries after ${attempt} attempts: ${detail}`);
    }
    const failedIds = new Set(Failed.map((failure) => failure.Id));
    pending = pending.filter((entry) => failedIds.has(entry.Id));
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** (attempt - 1)));
  }
}
