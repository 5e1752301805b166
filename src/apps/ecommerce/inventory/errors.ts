import { DomainError } from '../../../platform/errors.ts';

/** The lot was already added to the stock (a redelivery): permanent and expected. */
export class DuplicateRestockError extends DomainError {
  override readonly name = 'DuplicateRestockError';
  constructor(sku: string, lotId: string) {
    super(`lot ${lotId} of ${sku} was already applied`, { expected: true, context: { sku, lotId } });
  }
}

/**
 * An allocation is not in the state the operation needs (already completed or deallocated).
 * `expected` when it is already where the operation would have put it (a redelivery).
 */
export class InvalidAllocationStateError extends DomainError {
  override readonly name = 'InvalidAllocationStateError';
  constructor(message: string, context: Record<string, unknown>, options: { expected?: boolean } = {}) {
    super(message, { context, expected: options.expected ?? false });
  }
}

/** The completion's condition failed: the allocation changed since it was read. Permanent. */
export class InvalidStockCompletionError extends DomainError {
  override readonly name = 'InvalidStockCompletionError';
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super(message, { context, cause });
  }
}

/**
 * A deallocation lost to another writer that already settled the allocation: the stock went back
 * (or stays sold) once. Permanent, and expected (racing deliveries end this way).
 */
export class InvalidStockDeallocationError extends DomainError {
  override readonly name = 'InvalidStockDeallocationError';
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super(message, { context, cause, expected: true });
  }
}

/** A stock transaction was cancelled without a decisive reason (e.g. TransactionConflict): retried, never dropped (decision 5). */
export class StockConflictError extends DomainError {
  override readonly name = 'StockConflictError';
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super(message, { transient: true, context, cause });
  }
}
