/** A stream consumer was configured or used wrongly; `message` names the fix. */
export class StreamReaderError extends Error {
  override readonly name = 'StreamReaderError';
  readonly consumerId: string | undefined;

  constructor(message: string, options: { consumerId?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.consumerId = options.consumerId;
  }
}

/** AWS error names after which a shard iterator must be acquired again from the last position. */
export const ITERATOR_LOST_ERRORS: ReadonlySet<string> = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException']);

export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
