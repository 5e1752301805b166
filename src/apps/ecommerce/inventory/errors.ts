import { DomainError } from '../../../platform/errors.ts';

export class DuplicateRestockError extends DomainError {
  override readonly name = 'DuplicateRestockError';
  constructor(sku: string, lotId: string) {
    super(`lot ${lotId} of ${sku} was already applied`, { context: { sku, lotId } });
  }
}

/** An allocation is not in the state the operation needs (already completed or deallocated). */
export class InvalidAllocationStateError extends DomainError {
  override readonly name = 'InvalidAllocationStateError';
  constructor(message: string, context: Record<string, unknown>) {
    super(message, { context });
  }
}
