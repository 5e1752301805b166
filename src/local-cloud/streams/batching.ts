import type { StartingPosition } from '../../platform/topology/types.ts';

/** A stream consumer's declared batching (an event source mapping's or a pipe's source parameters). */
export interface StreamBatching {
  readonly startingPosition?: StartingPosition;
  readonly batchSize?: number;
  readonly maximumBatchingWindowInSeconds?: number;
}

/** The reader settings of a stream consumer, with AWS's defaults (LATEST, 100 records, no window). */
export function readerBatching(batching: StreamBatching): { startingPosition: StartingPosition; batchSize: number; maximumBatchingWindowMs: number } {
  return {
    startingPosition: batching.startingPosition ?? 'LATEST',
    batchSize: batching.batchSize ?? 100,
    maximumBatchingWindowMs: (batching.maximumBatchingWindowInSeconds ?? 0) * 1_000,
  };
}
