/** The text AWS puts in front of every event-pattern validation failure. */
export const INVALID_PATTERN_PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * An event pattern EventBridge (or a Pipes / Lambda filter) would refuse, named like the
 * `@aws-sdk/client-eventbridge` exception. `message` is AWS's text; `reason` is the part after
 * the fixed prefix, which is what the matcher engine itself reports.
 */
export class InvalidEventPatternException extends Error {
  override readonly name = 'InvalidEventPatternException';
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(INVALID_PATTERN_PREFIX + reason, options);
    this.reason = reason;
  }
}

/** Shorthand used by the parsers: `throw invalid('Empty arrays are not allowed')`. */
export function invalid(reason: string, cause?: unknown): InvalidEventPatternException {
  return new InvalidEventPatternException(reason, cause === undefined ? undefined : { cause });
}
