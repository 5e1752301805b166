import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import type { DispenseStatus } from './dispense.ts';
import type { DispenseCommandType } from './commands.ts';

/** A command for a dispense that was never started (permanent; the API answers 404). */
export class DispenseNotFoundError extends NotFoundError {
  override readonly name = 'DispenseNotFoundError';
  readonly dispenseId: string | undefined;
  /** The decider does not know the id of a dispense that has no events; the command handler does. */
  constructor(dispenseId?: string) {
    super(dispenseId ? `Dispense ${dispenseId} not found` : 'Dispense not found', { context: { dispenseId } });
    this.dispenseId = dispenseId;
  }
}

/** The workflow (decision 2) does not allow the command in the dispense's current state (permanent; the API answers 409 naming both). */
export class CommandRefusedError extends ConflictError {
  override readonly name = 'CommandRefusedError';
  readonly command: DispenseCommandType;
  readonly status: DispenseStatus;
  constructor(command: DispenseCommandType, status: DispenseStatus, reason?: string) {
    super(`${command} refused: the dispense is ${status}${reason ? ` (${reason})` : ''}`, { context: { command, status, reason } });
    this.command = command;
    this.status = status;
  }
}

/** StartDispense for an id that already has events (the reference's Uniqueness error; permanent; 409). */
export class DispenseAlreadyStartedError extends ConflictError {
  override readonly name = 'DispenseAlreadyStartedError';
  constructor(dispenseId: string) {
    super(`Dispense ${dispenseId} already exists`, { context: { dispenseId } });
  }
}

/** A command whose events would grow the dispense past what its items can hold (permanent; 409 naming the sizes). */
export class DispenseTooLargeError extends ConflictError {
  override readonly name = 'DispenseTooLargeError';
  constructor(command: DispenseCommandType, bytes: number, limit: number) {
    super(`${command} refused: the dispense would take ${bytes} bytes, more than its ${limit}`, { context: { command, bytes, limit } });
  }
}
