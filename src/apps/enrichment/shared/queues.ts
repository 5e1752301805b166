import { SendMessageBatchCommand, SQSClient, type BatchResultErrorEntry, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { AWS_LIMITS, utf8Bytes } from '../../../platform/limits.ts';
import { BatchEntriesRefusedError, BatchEntriesNotSentError } from './errors.ts';

let client: SQSClient | undefined;

/** The SQS client app code shares, configured from the environment (`AWS_ENDPOINT_URL_SQS` locally). */
export function sqs(): SQSClient {
  client ??= new SQSClient({});
  return client;
}

/** One SendMessageBatch call (up to 10 entries): the entries it reports as failed (SQS answers 200 even then). */
export type SendBatch = (entries: SendMessageBatchRequestEntry[]) => Promise<BatchResultErrorEntry[]>;

/** The SendBatch port on a real queue. */
export function sqsSendBatch(client: SQSClient, queueUrl: string): SendBatch {
  return async (entries) => (await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }))).Failed ?? [];
}

export interface SendAllOptions {
  /** SendMessageBatch calls in flight. Default 4. */
  concurrency?: number;
  /** Rounds for entries a call reports as failed (retryable ones only). Default 5. */
  attempts?: number;
  /** Waits between rounds (50 ms, doubling). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends every entry with SendMessageBatch, up to 10 and 1 MiB of bodies per call (`batchGroups`), and re-sends the entries a call reports in
 * `Failed` with a short backoff, a bounded number of times (then BatchEntriesNotSentError, transient).
 * A sender fault (e.g. a body over the size limit) fails the same way every time: it throws
 * BatchEntriesRefusedError (permanent) at once. The first failure stops the other lanes, which
 * finish the call they are in and send nothing more.
 */
export async function sendAll(sendBatch: SendBatch, entries: readonly SendMessageBatchRequestEntry[], options: SendAllOptions = {}): Promise<void> {
  const { concurrency = 4, attempts = 5, sleep = defaultSleep } = options;
  const groups = batchGroups(entries);
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && next < groups.length) {
      try {
        await sendGroup(sendBatch, groups[next++]!, attempts, sleep);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, groups.length) }, lane));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Consecutive groups of at most 10 entries whose bodies total at most `maxBytes` (SendMessageBatch's
 * 1 MiB, counted on the bodies). An entry larger than that alone goes alone: SQS refuses it as a
 * sender fault, which fails its request instead of retrying it.
 */
export function batchGroups(entries: readonly SendMessageBatchRequestEntry[], maxBytes: number = AWS_LIMITS.sqsBatchBytes): SendMessageBatchRequestEntry[][] {
  const groups: SendMessageBatchRequestEntry[][] = [];
  let group: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = utf8Bytes(entry.MessageBody ?? '');
    if (group.length > 0 && (group.length === 10 || bytes + size > maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(entry);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

async function sendGroup(sendBatch: SendBatch, group: SendMessageBatchRequestEntry[], attempts: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  let pending = group;
  for (let attempt = 1; ; attempt++) {
    const failed = await sendBatch(pending);
    if (failed.length === 0) return;
    const refused = failed.filter((failure) => failure.SenderFault);
    if (refused.length > 0) throw new BatchEntriesRefusedError(`SQS refused ${refused.length} batch entries (sender fault): ${describe(refused)}`, { entries: refused.map((f) => f.Id) });
    if (attempt >= attempts) throw new BatchEntriesNotSentError(`SendMessageBatch failed for ${failed.length} entries after ${attempt} attempts: ${describe(failed)}`, { entries: failed.map((f) => f.Id) });
    const failedIds = new Set(failed.map((failure) => failure.Id));
    pending = pending.filter((entry) => failedIds.has(entry.Id));
    await sleep(50 * 2 ** (attempt - 1));
  }
}

const describe = (failures: BatchResultErrorEntry[]) => failures.map((failure) => `${failure.Id}: ${failure.Code} ${failure.Message ?? ''}`.trim()).join('; ');
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
