import type { Deps } from '../../shared/deps.ts';
import type { FinishMessage } from '../../shared/messages.ts';
import { assembleOutput } from './output-stream.ts';

/**
 * Assembles `output.json` and marks the request `completed` (only from `processing`). Safe to run
 * twice, even at once: the parts never change, so each run writes the same document, and only one
 * status transition succeeds.
 */
export async function finishRequest(deps: Deps, { requestId }: FinishMessage): Promise<void> {
  const record = await deps.status.get(requestId);
  if (!record || record.status !== 'processing' || record.processedBatches < record.totalBatches) return;
  await assembleOutput(deps.storage, requestId, record.totalBatches);
  await deps.status.complete(requestId, deps.now());
}
