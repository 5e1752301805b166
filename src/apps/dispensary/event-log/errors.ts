import { DomainError, VersionConflictError } from '../../../platform/errors.ts';

/**
 * Another writer appended to the dispense first, every time we re-read and retried. Transient:
 * a worker retries later; the API answers 409.
 */
export class ConcurrencyConflictError extends VersionConflictError {
  override readonly name = 'ConcurrencyConflictError';
  constructor(dispenseId: string, attempts: number) {
    super(`Dispense ${dispenseId} was changed concurrently ${attempts} times; try again`, attempts, { context: { dispenseId } });
  }
}

/**
 * The views projector got an event whose predecessors the event log does not hold yet (they are
 * still on their way): transient, the batch is retried from it.
 */
export class EventLogGapError extends DomainError {
  override readonly name = 'EventLogGapError';
  constructor(dispenseId: string, sequence: number) {
    super(`Dispense ${dispenseId}: event ${sequence} follows events the log does not hold yet`, { transient: true, context: { dispenseId, sequence } });
  }
}
