import type { Decider } from '../../../platform/decider.ts';
import { dynamoJsonBytes } from '../../../platform/limits.ts';
import type { DispenseCommand, DispenseCommandType } from './commands.ts';
import { initialState, type Dispense, type DispenseState, type DispenseStatus } from './dispense.ts';
import { CommandRefusedError, DispenseAlreadyStartedError, DispenseNotFoundError, DispenseTooLargeError } from './errors.ts';
import type { DispenseEvent } from './events.ts';

/**
 * Where each command is allowed (decision 2): pending → analyzing (upload) → ready (analysis) →
 * complete; patient and drugs until the dispense is ready; cancel from any non-terminal state.
 */
export const ALLOWED_IN: Readonly<Record<Exclude<DispenseCommandType, 'StartDispense'>, readonly DispenseStatus[]>> = {
  UploadPrescription: ['pending'],
  AnalyzePrescription: ['analyzing'],
  AddPatient: ['pending', 'analyzing', 'ready'],
  AddDrugs: ['pending', 'analyzing', 'ready'],
  CompleteDispense: ['ready'],
  CancelDispense: ['pending', 'analyzing', 'ready'],
};

/**
 * The events a command produces on the current state, or the reason it is refused (thrown).
 *
 * @example
 * const events = decide({ type: 'AddPatient', data: { patient_id: 'P123', name: 'John Doe' }, metadata: { now } }, state);
 */
export function decide(command: DispenseCommand, state: DispenseState): DispenseEvent[] {
  const events = decideEvents(command, state);
  const size = dynamoJsonBytes({ state: evolveAll(state, events), events });
  if (size > DISPENSE_MAX_BYTES) throw new DispenseTooLargeError(command.type, size, DISPENSE_MAX_BYTES);
  return events;
}

/**
 * The most a dispense's state and one command's events may take as DynamoDB JSON. The snapshot and
 * the view hold the state in one item (400 KB) and the publisher sends each event as one Kinesis
 * record (1 MB): a command that would grow past this is refused (409) before anything is written,
 * instead of leaving a dispense no command can load or a view the projector cannot store.
 */
export const DISPENSE_MAX_BYTES = 128 * 1_024;

function decideEvents(command: DispenseCommand, state: DispenseState): DispenseEvent[] {
  const updated_at = command.metadata.now;
  if (command.type === 'StartDispense') {
    if (state !== null) throw new DispenseAlreadyStartedError(state.id);
    return [{ type: 'Dispense:Started', data: { id: command.data.id, created_at: updated_at, status: 'pending' } }];
  }
  if (state === null) throw new DispenseNotFoundError();
  if (!ALLOWED_IN[command.type].includes(state.status)) throw new CommandRefusedError(command.type, state.status);
  const { id } = state;
  switch (command.type) {
    case 'UploadPrescription':
      return [{ type: 'Dispense:PrescriptionUploaded', data: { id, prescription_id: command.data.prescription_id, url: command.data.url, updated_at } }];
    case 'AnalyzePrescription':
      return [{ type: 'Dispense:PrescriptionAnalyzed', data: { id, analysis_data: command.data.analysis_data, updated_at } }];
    case 'AddPatient':
      return [{ type: 'Dispense:PatientAdded', data: { id, patient_id: command.data.patient_id, patient_name: command.data.name, updated_at } }];
    case 'AddDrugs':
      return [{ type: 'Dispense:DrugsAdded', data: { id, drugs: command.data.drugs, updated_at } }];
    case 'CompleteDispense':
      if (state.patient_id === undefined) throw new CommandRefusedError(command.type, state.status, 'Cannot complete dispense without patient');
      if (state.drugs.length === 0) throw new CommandRefusedError(command.type, state.status, 'Cannot complete dispense without drugs');
      return [{ type: 'Dispense:Completed', data: { id, updated_at } }];
    case 'CancelDispense':
      return [{ type: 'Dispense:Cancelled', data: { id, updated_at } }];
  }
}

/**
 * The state after an event (the reference's `apply`). Total over valid histories; an event before
 * `Dispense:Started` means a corrupt log and throws.
 */
export function evolve(state: DispenseState, event: DispenseEvent): Dispense {
  if (event.type === 'Dispense:Started') {
    const { id, created_at, status } = event.data;
    return { id, created_at, updated_at: created_at, status, prescription_analyzed: false, drugs: [], deleted: false };
  }
  if (state === null) throw new Error(`${event.type} for dispense ${event.data.id} before Dispense:Started`);
  const { updated_at } = event.data;
  switch (event.type) {
    case 'Dispense:PrescriptionUploaded':
      return { ...state, prescription_id: event.data.prescription_id, prescription_url: event.data.url, status: 'analyzing', updated_at };
    case 'Dispense:PrescriptionAnalyzed':
      // The analysis JSON is not kept in the aggregate (as the reference).
      return { ...state, prescription_analyzed: true, status: 'ready', updated_at };
    case 'Dispense:PatientAdded':
      return { ...state, patient_id: event.data.patient_id, patient_name: event.data.patient_name, updated_at };
    case 'Dispense:DrugsAdded':
      return { ...state, drugs: event.data.drugs, updated_at };
    case 'Dispense:Completed':
      return { ...state, status: 'complete', updated_at };
    case 'Dispense:Cancelled':
      return { ...state, status: 'cancelled', updated_at };
  }
}

/** Folds a history onto a state. */
export function evolveAll(state: DispenseState, events: readonly DispenseEvent[]): DispenseState {
  return events.reduce<DispenseState>(evolve, state);
}

/** The dispense aggregate as one decider, for `handleCommand`. */
export const dispenseDecider: Decider<DispenseState, DispenseCommand, DispenseEvent> = { decide, evolve, initialState };
