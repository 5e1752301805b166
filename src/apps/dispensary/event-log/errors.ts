import { DomainError } from '../../../platform/errors.ts';

/**
 * Another writer appended to the dispense first, every time we re-read and retried. Transient:
 * a worker retries later; the API answers 409.
 */
export class ConcurrencyConflictError extends DomainError {
  override readonly name = 'ConcurrencyConflictError';
  constructor(dispenseId: string, attempts: number) {
    super(`Dispense ${dispenseId} was changed concurrently ${attempts} times; try again`, { transient: true, context: { dispenseId, attempts } });
  }
}

/** Internal signal of one lost append race (the command handler retries it). */
export class AppendConflict extends Error {
  override readonly name = 'AppendConflict';
}
