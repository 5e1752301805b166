import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Index → reason code of a cancelled transaction (e.g. `ConditionalCheckFailed`, `TransactionConflict`), or undefined if it was another error. */
export function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => (reason.Code && reason.Code !== 'None' ? reason.Code : undefined));
}
