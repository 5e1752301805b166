import { DomainError } from '../../platform/errors.ts';

/** The entity does not exist (or is soft-deleted); the HTTP adapter answers 404. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';

  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { transient: false, context });
  }
}

/** The request conflicts with the current state (limit reached, account still has services); 409. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';

  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { transient: false, context });
  }
}

export const LIMIT_REACHED = 'Maximum number of services reached for this account';
