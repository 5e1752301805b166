/** Where a pipe reads from: one reader per source kind, each handing batches to the pipe core. */
export interface PipeSource {
  /** Resolves once the source knows where it starts reading (a LATEST stream position is saved). */
  start(): Promise<void>;
  /** Stops reading; a batch in flight is not acknowledged and comes back (after a restart, or its visibility timeout). */
  stop(): Promise<void>;
}
