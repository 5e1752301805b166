import { handleCommand, type CommandStore, type Decider } from '../../../platform/decider.ts';
import { dispenseDecider } from '../dispense/decider.ts';
import type { DispenseCommand } from '../dispense/commands.ts';
import type { Dispense, DispenseState } from '../dispense/dispense.ts';
import { DispenseNotFoundError } from '../dispense/errors.ts';
import type { DispenseEvent } from '../dispense/events.ts';
import type { EventLogDeps } from './deps.ts';
import { ConcurrencyConflictError } from './errors.ts';
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
 * Runs a command on one dispense with `handleCommand`: load (snapshot + events), decide, append
 * conditionally. A lost race re-reads and decides again (the command may now be refused), up to
 * `maxAttempts` times.
 *
 * @example
 * const { state, version } = await executeCommand(deps, id, { type: 'AddPatient', data: { patient_id: 'P1', name: 'Ann' } });
 */
export async function executeCommand(deps: EventLogDeps, id: string, input: CommandInput, options: CommandOptions = {}): Promise<CommandResult> {
  const commandId = deps.newId();
  const command = { ...input, metadata: { now: deps.now() } } as DispenseCommand;
  const { state, version, events } = await handleCommand(forDispense(id), dispenseStore(deps, id, commandId), command, {
    maxAttempts: options.maxAttempts ?? 5,
    conflictError: (attempts) => new ConcurrencyConflictError(id, attempts),
  });
  return { state: state as Dispense, version, events, commandId };
}

/** The decider, naming the dispense in its not-found error (the decider cannot: a missing dispense has no id). */
function forDispense(id: string): Decider<DispenseState, DispenseCommand, DispenseEvent> {
  return {
    ...dispenseDecider,
    decide: (command, state) => {
      if (state === null && command.type !== 'StartDispense') throw new DispenseNotFoundError(id);
      return dispenseDecider.decide(command, state);
    },
  };
}

/** One dispense's event log: its version is the last sequence number. */
function dispenseStore(deps: EventLogDeps, id: string, commandId: string): CommandStore<DispenseState, DispenseEvent, number> {
  return {
    read: () => loadDispense(deps, id),
    write: async ({ before, events, after }) => {
      const version = await appendEvents(deps, id, before.version, events, after as Dispense, { command_id: commandId });
      return version === 'conflict' ? version : { version };
    },
  };
}
