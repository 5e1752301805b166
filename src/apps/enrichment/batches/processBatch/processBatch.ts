import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Deps } from '../../shared/deps.ts';
import type { EnrichmentApi } from '../../enrich/mock-api.ts';
import { withRetry, type RetryPolicy } from '../../enrich/retry.ts';
import { InjectedCrashError } from '../../shared/errors.ts';
import { partKey } from '../../shared/keys.ts';
import type { BatchMessage, FinishMessage } from '../../shared/messages.ts';

export interface ProcessBatchDeps extends Deps {
  readonly api: EnrichmentApi;
  readonly retry: RetryPolicy;
  readonly finishQueueUrl: string;
  /** Test fault: these batches throw after writing their part on their first delivery. */
  readonly crashAfterPartBatches: ReadonlySet<number>;
}

/**
 * One batch: enrich it (retrying with backoff), write its part object (same key and content on
 * every run), count it exactly once, then make sure the request gets finished. A redelivered
 * message whose batch was already counted skips the work but still does that last step, in case
 * the previous run died between counting and queueing the finish.
 */
export async function processBatch(deps: ProcessBatchDeps, message: BatchMessage, receiveCount: number): Promise<void> {
  const { requestId, batchIndex, contacts } = message;
  const record = await deps.status.get(requestId);
  if (!record || record.status !== 'processing') return;
  if (!(await deps.status.isBatchCounted(requestId, batchIndex))) {
    const enriched = await withRetry((attempt) => deps.api.enrich(contacts, { batchIndex, delivery: receiveCount, attempt }), deps.retry);
    await deps.storage.putJson(partKey(requestId, batchIndex), enriched);
    if (receiveCount === 1 && deps.crashAfterPartBatches.has(batchIndex)) {
      throw new InjectedCrashError(`injected crash after writing part ${batchIndex}`, { requestId, batchIndex });
    }
    await deps.status.countBatch(requestId, batchIndex, deps.now());
  }
  await finishWhenComplete(deps, requestId);
}

/**
 * Queues the finish once every batch is counted. Several workers may see that at once (or a
 * redelivery may see it again): the finisher is idempotent, so extra finish messages are harmless.
 */
async function finishWhenComplete(deps: ProcessBatchDeps, requestId: string): Promise<void> {
  const record = await deps.status.get(requestId);
  if (!record || record.status !== 'processing' || record.processedBatches < record.totalBatches) return;
  const message: FinishMessage = { requestId };
  await deps.sqs.send(new SendMessageCommand({ QueueUrl: deps.finishQueueUrl, MessageBody: JSON.stringify(message) }));
}
