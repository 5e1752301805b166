import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { toBatches } from '../../shared/batching.ts';
import type { Contact, EnrichmentInput } from '../../shared/contacts.ts';
import type { Deps } from '../../shared/deps.ts';
import { BatchEntriesRefusedError } from '../../shared/errors.ts';
import { inputKey } from '../../shared/keys.ts';
import { batchEntryId, type BatchMessage, type SplitMessage } from '../../shared/messages.ts';
import { sendAll, sqsSendBatch } from '../../shared/queues.ts';

export interface SplitRequestDeps extends Deps {
  readonly batchQueueUrl: string;
}

/**
 * Fans a request out: reads its `input.json` and sends one message per batch of 100 contacts
 * (SendMessageBatch, 10 per call, failed entries re-sent). Redelivered after a crash mid-way, it
 * sends every batch again: those duplicates are harmless, since the workers count each batch index
 * exactly once. Once all are sent it records `splitAt`, and a later redelivery sends nothing.
 * A batch SQS refuses (sender fault) would be refused on every delivery: the request fails at once.
 */
export async function splitRequest(deps: SplitRequestDeps, { requestId }: SplitMessage): Promise<void> {
  const record = await deps.status.get(requestId);
  if (!record || record.status !== 'processing' || record.splitAt !== undefined) return;
  const input = (await deps.storage.getJson(inputKey(requestId))) as EnrichmentInput;
  try {
    await sendAll(sqsSendBatch(deps.sqs, deps.batchQueueUrl), batchEntries(requestId, input.contacts));
  } catch (error) {
    if (!(error instanceof BatchEntriesRefusedError)) throw error;
    await deps.status.fail(requestId, deps.now(), error.message);
    return;
  }
  await deps.status.markSplit(requestId, deps.now());
}

/** The batch queue entries of a request: one per 100 contacts, in order, with Id `<requestId>-<batchIndex>`. */
export function batchEntries(requestId: string, contacts: readonly Contact[]): SendMessageBatchRequestEntry[] {
  return toBatches(contacts).map(({ index, items }) => {
    const message: BatchMessage = { requestId, batchIndex: index, contacts: items };
    return { Id: batchEntryId(requestId, index), MessageBody: JSON.stringify(message) };
  });
}
