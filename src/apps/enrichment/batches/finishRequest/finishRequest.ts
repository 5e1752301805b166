import type { Deps } from '../../shared/deps.ts';
import type { FinishMessage } from '../../shared/messages.ts';
import type { FinishClaim } from './finish-claim.ts';
import { assembleOutput } from './output-stream.ts';

export interface FinishDeps extends Deps {
  readonly claim: FinishClaim;
  /** Default: stream the parts into `output.json` (output-stream.ts). */
  readonly assemble?: (requestId: string, totalBatches: number) => Promise<void>;
}

/**
 * Assembles `output.json` and marks the request `completed` (only from `processing`). Runs once per
 * request however many finish messages arrive: the first to claim the finish assembles, the others
 * return (their message is done); a run that dies leaves its claim to lapse, and the redelivered
 * message finishes. A duplicate arriving after completion finds the request no longer `processing`.
 */
export async function finishRequest(deps: FinishDeps, { requestId }: FinishMessage): Promise<void> {
  const record = await deps.status.get(requestId);
  if (!record || record.status !== 'processing' || record.processedBatches < record.totalBatches) return;
  if (!(await deps.claim(requestId, deps.now()))) return;
  const assemble = deps.assemble ?? ((id, total) => assembleOutput(deps.storage, id, total));
  await assemble(requestId, record.totalBatches);
  await deps.status.complete(requestId, deps.now());
}
