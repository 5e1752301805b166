import { describe, expect, it } from 'vitest';
import { DISPENSE_COMMAND_TYPES, type DispenseCommand, type DispenseCommandType } from './commands.ts';
import { AWS_LIMITS } from '../../../platform/limits.ts';
import { decide, DISPENSE_MAX_BYTES, evolve, evolveAll } from './decider.ts';
import { initialState, type DispenseState } from './dispense.ts';
import { CommandRefusedError, DispenseAlreadyStartedError, DispenseNotFoundError, DispenseTooLargeError } from './errors.ts';
import type { DispenseEvent } from './events.ts';

const ID = '01JD0000000000000000000000';
const T0 = '2026-01-01T00:00:00.000Z';
const NOW = '2026-01-01T01:00:00.000Z';
const metadata = { now: NOW };
const drugs = [
  { drug_id: 'D1', name: 'Aspirin', quantity: 30 },
  { drug_id: 'D2', name: 'Ibuprofen', quantity: 20 },
];

const commands: Record<DispenseCommandType, DispenseCommand> = {
  StartDispense: { type: 'StartDispense', data: { id: ID }, metadata },
  UploadPrescription: { type: 'UploadPrescription', data: { prescription_id: 'RX1', url: 's3://b/prescriptions/x.jpg' }, metadata },
  AnalyzePrescription: { type: 'AnalyzePrescription', data: { analysis_data: '{"ok":true}' }, metadata },
  AddPatient: { type: 'AddPatient', data: { patient_id: 'P123', name: 'John Doe' }, metadata },
  AddDrugs: { type: 'AddDrugs', data: { drugs }, metadata },
  CompleteDispense: { type: 'CompleteDispense', data: {}, metadata },
  CancelDispense: { type: 'CancelDispense', data: {}, metadata },
};

const at = (updated_at: string) => ({ id: ID, updated_at });
const history = {
  started: { type: 'Dispense:Started', data: { id: ID, created_at: T0, status: 'pending' } },
  uploaded: { type: 'Dispense:PrescriptionUploaded', data: { ...at(T0), prescription_id: 'RX0', url: 's3://b/k.jpg' } },
  analyzed: { type: 'Dispense:PrescriptionAnalyzed', data: { ...at(T0), analysis_data: '{}' } },
  patient: { type: 'Dispense:PatientAdded', data: { ...at(T0), patient_id: 'P0', patient_name: 'Jane' } },
  drugs: { type: 'Dispense:DrugsAdded', data: { ...at(T0), drugs: [{ drug_id: 'D0', name: 'Paracetamol', quantity: 1 }] } },
  completed: { type: 'Dispense:Completed', data: at(T0) },
  cancelled: { type: 'Dispense:Cancelled', data: at(T0) },
} as const satisfies Record<string, DispenseEvent>;

/** Named histories: every status, and `ready` with and without what completing needs. */
const givens: Record<string, readonly DispenseEvent[]> = {
  none: [],
  pending: [history.started],
  analyzing: [history.started, history.uploaded],
  'ready (no patient, no drugs)': [history.started, history.uploaded, history.analyzed],
  'ready (patient, no drugs)': [history.started, history.uploaded, history.analyzed, history.patient],
  'ready (drugs, no patient)': [history.started, history.uploaded, history.analyzed, history.drugs],
  'ready (patient and drugs)': [history.started, history.patient, history.drugs, history.uploaded, history.analyzed],
  complete: [history.started, history.patient, history.drugs, history.uploaded, history.analyzed, history.completed],
  cancelled: [history.started, history.cancelled],
  'cancelled (with patient and drugs)': [history.started, history.patient, history.drugs, history.cancelled],
};

type Outcome = DispenseEvent['type'] | 'not-found' | 'already-started' | `refused:${string}`;

/** The expected outcome of every command in every given (decision 2). */
const expected: Record<string, Record<DispenseCommandType, Outcome>> = {
  none: {
    StartDispense: 'Dispense:Started',
    UploadPrescription: 'not-found',
    AnalyzePrescription: 'not-found',
    AddPatient: 'not-found',
    AddDrugs: 'not-found',
    CompleteDispense: 'not-found',
    CancelDispense: 'not-found',
  },
  pending: {
    StartDispense: 'already-started',
    UploadPrescription: 'Dispense:PrescriptionUploaded',
    AnalyzePrescription: 'refused:pending',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'refused:pending',
    CancelDispense: 'Dispense:Cancelled',
  },
  analyzing: {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:analyzing',
    AnalyzePrescription: 'Dispense:PrescriptionAnalyzed',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'refused:analyzing',
    CancelDispense: 'Dispense:Cancelled',
  },
  'ready (no patient, no drugs)': {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:ready',
    AnalyzePrescription: 'refused:ready',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'refused:ready:without patient',
    CancelDispense: 'Dispense:Cancelled',
  },
  'ready (patient, no drugs)': {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:ready',
    AnalyzePrescription: 'refused:ready',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'refused:ready:without drugs',
    CancelDispense: 'Dispense:Cancelled',
  },
  'ready (drugs, no patient)': {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:ready',
    AnalyzePrescription: 'refused:ready',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'refused:ready:without patient',
    CancelDispense: 'Dispense:Cancelled',
  },
  'ready (patient and drugs)': {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:ready',
    AnalyzePrescription: 'refused:ready',
    AddPatient: 'Dispense:PatientAdded',
    AddDrugs: 'Dispense:DrugsAdded',
    CompleteDispense: 'Dispense:Completed',
    CancelDispense: 'Dispense:Cancelled',
  },
  complete: {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:complete',
    AnalyzePrescription: 'refused:complete',
    AddPatient: 'refused:complete',
    AddDrugs: 'refused:complete',
    CompleteDispense: 'refused:complete',
    CancelDispense: 'refused:complete',
  },
  cancelled: {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:cancelled',
    AnalyzePrescription: 'refused:cancelled',
    AddPatient: 'refused:cancelled',
    AddDrugs: 'refused:cancelled',
    CompleteDispense: 'refused:cancelled',
    CancelDispense: 'refused:cancelled',
  },
  'cancelled (with patient and drugs)': {
    StartDispense: 'already-started',
    UploadPrescription: 'refused:cancelled',
    AnalyzePrescription: 'refused:cancelled',
    AddPatient: 'refused:cancelled',
    AddDrugs: 'refused:cancelled',
    CompleteDispense: 'refused:cancelled',
    CancelDispense: 'refused:cancelled',
  },
};

/** given(events).when(command) → the events decided, or the error thrown. */
const given = (events: readonly DispenseEvent[]) => ({
  when: (command: DispenseCommand): { events: DispenseEvent[] } | { error: unknown } => {
    try {
      return { events: decide(command, evolveAll(initialState(), events)) };
    } catch (error) {
      return { error };
    }
  },
});

describe('dispense decider: every state × command (decision 2)', () => {
  for (const [name, events] of Object.entries(givens)) {
    describe(`given ${name}`, () => {
      for (const type of DISPENSE_COMMAND_TYPES) {
        const outcome = expected[name]![type];
        it(`when ${type} then ${outcome}`, () => {
          const result = given(events).when(commands[type]);
          if (outcome === 'not-found') return expect(result).toEqual({ error: expect.any(DispenseNotFoundError) });
          if (outcome === 'already-started') return expect(result).toEqual({ error: expect.any(DispenseAlreadyStartedError) });
          if (outcome.startsWith('refused:')) {
            const [, status, reason] = outcome.split(':');
            expect(result).toEqual({ error: expect.any(CommandRefusedError) });
            const error = (result as { error: CommandRefusedError }).error;
            expect(error).toMatchObject({ command: type, status });
            expect(error.message).toContain(type);
            expect(error.message).toContain(status);
            if (reason) expect(error.message).toContain(reason);
            return;
          }
          expect(result).toEqual({ events: [expect.objectContaining({ type: outcome })] });
        });
      }
    });
  }
});

describe('dispense decider: event payloads (spec "Events")', () => {
  const pending = evolveAll(initialState(), [history.started]);

  it('StartDispense → Started(id, created_at = now, status pending)', () => {
    expect(decide(commands.StartDispense, null)).toEqual([{ type: 'Dispense:Started', data: { id: ID, created_at: NOW, status: 'pending' } }]);
  });

  it.each([
    ['UploadPrescription', { type: 'Dispense:PrescriptionUploaded', data: { id: ID, prescription_id: 'RX1', url: 's3://b/prescriptions/x.jpg', updated_at: NOW } }],
    ['AddPatient', { type: 'Dispense:PatientAdded', data: { id: ID, patient_id: 'P123', patient_name: 'John Doe', updated_at: NOW } }],
    ['AddDrugs', { type: 'Dispense:DrugsAdded', data: { id: ID, drugs, updated_at: NOW } }],
    ['CancelDispense', { type: 'Dispense:Cancelled', data: { id: ID, updated_at: NOW } }],
  ] as const)('%s from pending', (type, event) => {
    expect(decide(commands[type], pending)).toEqual([event]);
  });

  it('AnalyzePrescription from analyzing carries the analysis JSON', () => {
    const analyzing = evolve(pending, history.uploaded);
    expect(decide(commands.AnalyzePrescription, analyzing)).toEqual([
      { type: 'Dispense:PrescriptionAnalyzed', data: { id: ID, analysis_data: '{"ok":true}', updated_at: NOW } },
    ]);
  });
});

describe('dispense evolve (spec "Business rules")', () => {
  const after = (...events: DispenseEvent[]): DispenseState => evolveAll(initialState(), events);

  it('Started: pending, created_at = updated_at, nothing else set', () => {
    expect(after(history.started)).toEqual({ id: ID, created_at: T0, updated_at: T0, status: 'pending', prescription_analyzed: false, drugs: [], deleted: false });
  });

  it('PrescriptionUploaded sets the prescription and moves to analyzing', () => {
    expect(after(history.started, history.uploaded)).toMatchObject({ status: 'analyzing', prescription_id: 'RX0', prescription_url: 's3://b/k.jpg' });
  });

  it('PrescriptionAnalyzed marks it analyzed and ready, without keeping the analysis', () => {
    const state = after(history.started, history.uploaded, history.analyzed);
    expect(state).toMatchObject({ status: 'ready', prescription_analyzed: true });
    expect(JSON.stringify(state)).not.toContain('analysis_data');
  });

  it('PatientAdded overwrites the patient; DrugsAdded replaces the list; neither changes the status', () => {
    const second = { type: 'Dispense:PatientAdded', data: { ...at(NOW), patient_id: 'P2', patient_name: 'Bob' } } as const;
    const more = { type: 'Dispense:DrugsAdded', data: { ...at(NOW), drugs } } as const;
    expect(after(history.started, history.patient, second, history.drugs, more)).toMatchObject({
      status: 'pending',
      patient_id: 'P2',
      patient_name: 'Bob',
      drugs,
      updated_at: NOW,
    });
  });

  it('Completed and Cancelled set the terminal status', () => {
    expect(after(history.started, history.completed)).toMatchObject({ status: 'complete' });
    expect(after(history.started, history.cancelled)).toMatchObject({ status: 'cancelled' });
  });

  it('an event before Started is a corrupt history', () => {
    expect(() => after(history.patient)).toThrow(/before Dispense:Started/);
  });
});

describe('a dispense is bounded (issue 15, F4)', () => {
  it('refuses a command that would grow the state past DISPENSE_MAX_BYTES, before any event', () => {
    // Prepare
    const started = evolve(initialState(), { type: 'Dispense:Started', data: { id: ID, created_at: T0, status: 'pending' } });
    const huge = Array.from({ length: 100 }, (_, i) => ({ drug_id: `D${i}`, name: '\u0000'.repeat(256), quantity: 1 }));

    // Act / Assess
    expect(() => decide({ type: 'AddDrugs', data: { drugs: huge }, metadata }, started)).toThrow(DispenseTooLargeError);
    expect(decide({ type: 'AddDrugs', data: { drugs: huge.map((drug) => ({ ...drug, name: 'n'.repeat(256) })) }, metadata }, started)).toHaveLength(1);
  });

  it('keeps DISPENSE_MAX_BYTES under a DynamoDB item', () => {
    expect(DISPENSE_MAX_BYTES * 2).toBeLessThan(AWS_LIMITS.itemBytes);
  });
});
