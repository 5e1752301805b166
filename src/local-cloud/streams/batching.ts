import type { StartingPosition } from '../../platform/topology/types.ts';

/** A stream consumer's declared batching (an event source mapping's or a pipe's source parameters). */
export interface StreamBatching {
  readonly startingPosition?: StartingPosition;
  readonly batchSize?: number;
  readonly maximumBatchingWindowInSeconds?: number;
}

/**
 * The reader settings of a stream consumer, with AWS's defaults: LATEST, no window, and 100 records for an
 * event source mapping — a pipe passes its own default, 1.
 */
export function readerBatching(batching: StreamBatching, defaultBatchSize = 100): { startingPosition: StartingPosition; batchSize: number; maximumBatchingWindowMs: number } {
  return {
    startingPosition: batching.startingPosition ?? 'LATEST',
    batchSize: batching.batchSize ?? defaultBatchSize,
    maximumBatchingWindowMs: (batching.maximumBatchingWindowInSeconds ?? 0) * 1_000,
  };
}
