import { DomainError, InvalidArgumentsError, NotFoundError, type Issue } from '../../../platform/errors.ts';

/** The request can never succeed as sent: each issue names the offending field (`contacts.3.first_name`); answered 400 `Validation failed`. */
export class ValidationError extends InvalidArgumentsError {
  override readonly name = 'ValidationError';

  constructor(issues: readonly Issue[]) {
    super('Validation failed', issues);
  }
}

/** No request has this id (answered 404). */
export class RequestNotFoundError extends NotFoundError {
  override readonly name = 'RequestNotFoundError';

  constructor(requestId: string) {
    super(`no enrichment request ${requestId}`, { context: { requestId } });
  }
}

/** The enrichment API failed a call; worth retrying. */
export class EnrichmentApiError extends DomainError {
  override readonly name = 'EnrichmentApiError';

  constructor(message: string, context: Record<string, unknown>) {
    super(message, { transient: true, context });
  }
}

/** A fault injected for tests (the worker "crashes"): transient, so SQS redelivers the message. */
export class InjectedCrashError extends DomainError {
  override readonly name = 'InjectedCrashError';

  constructor(message: string, context: Record<string, unknown>) {
    super(message, { transient: true, context });
  }
}

/** SQS refused batch entries as sent (a sender fault): sending them again fails the same way. */
export class BatchEntriesRefusedError extends DomainError {
  override readonly name = 'BatchEntriesRefusedError';

  constructor(message: string, context: Record<string, unknown>) {
    super(message, { transient: false, context });
  }
}

/** Batch entries SQS still failed (not a sender fault) after the retries: worth another delivery. */
export class BatchEntriesNotSentError extends DomainError {
  override readonly name = 'BatchEntriesNotSentError';

  constructor(message: string, context: Record<string, unknown>) {
    super(message, { transient: true, context });
  }
}
