/**
 * The one error type app code throws for expected failures. `transient` decides what happens
 * next, once, at the edge: a transient error is retried (SQS redelivers the message), a permanent
 * one is logged and dropped. Anything that is not a DomainError is unexpected, hence transient.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly transient: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(message: string, options: { transient?: boolean; cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.transient = options.transient ?? false;
    this.context = options.context ?? {};
  }
}

/** Input that can never succeed (bad JSON, a failed schema): permanent. */
export class InvalidArgumentsError extends DomainError {
  override readonly name = 'InvalidArgumentsError';
  readonly issues: readonly { path: string; message: string }[];

  constructor(message: string, issues: readonly { path: string; message: string }[] = [], options: { cause?: unknown } = {}) {
    super(message, { transient: false, ...options, context: { issues } });
    this.issues = issues;
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
