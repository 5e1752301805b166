/** One event on its way to the target. */
export interface TargetEvent {
  /** The event before the input template, body data parsed: what dynamic path parameters read. */
  readonly decoded: unknown;
  /** What the target receives: the event, or the rendered input template (its JSON value, or the text). */
  readonly payload: unknown;
  /** The payload as text: an SQS body, Kinesis data, an event's `Detail`. */
  readonly text: string;
}

/**
 * A target kept in the state database (an event bus, a queue, the asynchronous-invoke outbox): the
 * pipe stages the send and the source's acknowledgement (checkpoint, message deletes) in one
 * transaction, so a crash neither loses nor repeats a delivery.
 */
export interface LocalTarget {
  readonly kind: 'local';
  readonly arn: string;
  /** Runs inside the caller's transaction; throws to roll it back. Returns what to run once the transaction committed. */
  stage(events: readonly TargetEvent[]): () => void;
}

/** A target outside the state database (a synchronous function call, a Kinesis stream): acknowledged once the send succeeded. */
export interface RemoteTarget {
  readonly kind: 'remote';
  readonly arn: string;
  /** Throws when the send failed; resolves with the item identifiers the target reported failed (`batchItemFailures`), if any. */
  send(events: readonly TargetEvent[]): Promise<readonly string[]>;
}

export type PipeTarget = LocalTarget | RemoteTarget;
