/** What every DomainError accepts; each subclass fixes some of it (a NotFoundError is never transient). */
export interface DomainErrorOptions {
  /** Whether trying again can succeed (SQS redelivers, a stream batch retries from here). Default false. */
  transient?: boolean;
  /**
   * Normal operation produces this outcome (a duplicate delivery, a stale or redundant event): nothing
   * is wrong, so the batch edges log it at `info` instead of warning. Only meaningful for a permanent
   * error. Default false.
   */
  expected?: boolean;
  cause?: unknown;
  context?: Record<string, unknown>;
}

/**
 * The one error type app code throws for expected failures. `transient` decides what happens
 * next, once, at the edge: a transient error is retried (SQS redelivers the message), a permanent
 * one is logged and dropped. Anything that is not a DomainError is unexpected, hence transient.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly transient: boolean;
  readonly expected: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.transient = options.transient ?? false;
    this.expected = options.expected ?? false;
    this.context = options.context ?? {};
  }
}

/** One problem with a request or a message: the offending field as a dotted path (`''`: the whole input) and what is wrong. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** Input that can never succeed (bad JSON, a failed schema): permanent; the HTTP edge answers 400. */
export class InvalidArgumentsError extends DomainError {
  override readonly name: string = 'InvalidArgumentsError';
  readonly issues: readonly Issue[];

  constructor(message: string, issues: readonly Issue[] = [], options: { cause?: unknown } = {}) {
    super(message, { transient: false, ...options, context: { issues } });
    this.issues = issues;
  }
}

/** What the request names does not exist (or no longer does): permanent; the HTTP edge answers 404. */
export class NotFoundError extends DomainError {
  override readonly name: string = 'NotFoundError';

  constructor(message: string, options: Omit<DomainErrorOptions, 'transient'> = {}) {
    super(message, { ...options, transient: false });
  }
}

/**
 * The request conflicts with the current state (a refused command, a limit reached, a write that
 * kept losing a race); the HTTP edge answers 409. Permanent unless `transient` says otherwise.
 */
export class ConflictError extends DomainError {
  override readonly name: string = 'ConflictError';
}

/**
 * An optimistic write kept finding a newer version than the one it decided from, `attempts` times
 * (see `handleCommand`). Transient: a worker retries later; an API answers 409.
 */
export class VersionConflictError extends ConflictError {
  override readonly name: string = 'VersionConflictError';
  readonly attempts: number;

  constructor(message: string, attempts: number, options: Omit<DomainErrorOptions, 'transient'> = {}) {
    super(message, { ...options, transient: true, context: { attempts, ...options.context } });
    this.attempts = attempts;
  }
}

/** An unexpected failure of a dependency (DynamoDB, the network): transient. */
export class UnrecognizedError extends DomainError {
  override readonly name = 'UnrecognizedError';

  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { ...options, transient: true });
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof DomainError ? error.transient : true;
}

/** A permanent error normal operation produces (see `DomainErrorOptions.expected`): logged at info. */
export function isExpected(error: unknown): boolean {
  return error instanceof DomainError && error.expected && !error.transient;
}

/** The fields a log line needs to tell what failed; unexpected errors keep their stack and cause. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DomainError) return { name: error.name, message: error.message, context: error.context };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack, cause: error.cause === undefined ? undefined : String(error.cause) };
  return { message: String(error) };
}
