import { RequestNotFoundError } from '../../shared/errors.ts';
import { isRequestId, outputKey } from '../../shared/keys.ts';
import type { RequestStatus, StatusTable } from '../../shared/status-table.ts';

export interface GetEnrichmentDeps {
  readonly status: StatusTable;
  readonly presignGet: (key: string) => Promise<string>;
}

export interface RequestView {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly createdAt: string;
  readonly totalBatches: number;
  readonly processedBatches: number;
  readonly contactCount: number;
  /** A fresh presigned GET URL of `output.json` once completed (the spec's name for it), else null. */
  readonly outputFileKey: string | null;
  readonly completedAt?: string;
  readonly failedAt?: string;
}

/** The status record of a request, with a download URL presigned now once it is completed; unknown ids throw RequestNotFoundError. */
export async function getEnrichment(deps: GetEnrichmentDeps, requestId: string): Promise<RequestView> {
  const record = isRequestId(requestId) ? await deps.status.get(requestId) : undefined;
  if (!record) throw new RequestNotFoundError(requestId);
  const { status, createdAt, totalBatches, processedBatches, contactCount, completedAt, failedAt } = record;
  return {
    requestId,
    status,
    createdAt,
    totalBatches,
    processedBatches,
    contactCount,
    outputFileKey: status === 'completed' ? await deps.presignGet(outputKey(requestId)) : null,
    ...(completedAt !== undefined && { completedAt }),
    ...(failedAt !== undefined && { failedAt }),
  };
}
