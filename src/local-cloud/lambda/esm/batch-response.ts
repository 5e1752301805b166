export type BatchVerdict =
  | { readonly kind: 'all-succeeded' }
  | { readonly kind: 'partial'; readonly failedIds: readonly string[] }
  | { readonly kind: 'all-failed'; readonly reason: string };

/**
 * Reads a function's ReportBatchItemFailures response as Lambda does: null, `{}`, or a null/empty
 * `batchItemFailures` means every item succeeded; a malformed response, or an identifier that is
 * empty, null, mis-keyed or not in the batch, fails the whole batch.
 */
export function interpretBatchResponse(payload: unknown, batchIds: ReadonlySet<string>): BatchVerdict {
  if (payload === null || payload === undefined) return { kind: 'all-succeeded' };
  if (typeof payload !== 'object' || Array.isArray(payload)) return { kind: 'all-failed', reason: 'response is not a JSON object' };
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'all-succeeded' };
  const failedIds: string[] = [];
  for (const failure of failures) {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id.length === 0) return { kind: 'all-failed', reason: 'a batch item failure has no itemIdentifier' };
    if (!batchIds.has(id)) return { kind: 'all-failed', reason: `itemIdentifier ${id} is not in the batch` };
    failedIds.push(id);
  }
  return { kind: 'partial', failedIds };
}
