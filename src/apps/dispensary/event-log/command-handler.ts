import { decide, evolveAll } from '../dispense/decider.ts';
import type { DispenseCommand } from '../dispense/commands.ts';
import type { Dispense } from '../dispense/dispense.ts';
import { DispenseNotFoundError } from '../dispense/errors.ts';
import type { DispenseEvent } from '../dispense/events.ts';
import type { EventLogDeps } from './deps.ts';
import { AppendConflict, ConcurrencyConflictError } from './errors.ts';
import { appendEvents, loadDispense } from './event-log.ts';

/** A command as callers give it: the handler stamps the time. */
export type CommandInput = { [T in DispenseCommand['type']]: Omit<Extract<DispenseCommand, { type: T }>, 'metadata'> }[DispenseCommand['type']];

export interface CommandOptions {
  /** Attempts (read, decide, conditional append) before a ConcurrencyConflictError; default 5. */
  maxAttempts?: number;
}

export interface CommandResult {
  readonly state: Dispense;
  readonly version: number;
  readonly events: readonly DispenseEvent[];
  readonly commandId: string;
}

/**
 * Runs a command on one dispense: load (snapshot + events), decide, append conditionally. A lost
 * race re-reads and decides again (the command may now be refused), up to `maxAttempts` times.
 *
 * @example
 * const { state, version } = await executeCommand(deps, id, { type: 'AddPatient', data: { patient_id: 'P1', name: 'Ann' } });
 */
export async function executeCommand(deps: EventLogDeps, id: string, input: CommandInput, options: CommandOptions = {}): Promise<CommandResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const commandId = deps.newId();
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await loadDispense(deps, id);
    if (state === null && input.type !== 'StartDispense') throw new DispenseNotFoundError(id);
    const command = { ...input, metadata: { now: deps.now() } } as DispenseCommand;
    const events = decide(command, state);
    const after = evolveAll(state, events) as Dispense;
    try {
      const newVersion = await appendEvents(deps, id, version, events, after, { command_id: commandId });
      return { state: after, version: newVersion, events, commandId };
    } catch (error) {
      if (!(error instanceof AppendConflict)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflictError(id, attempt);
      // Jitter, so that racing writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
