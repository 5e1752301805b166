import { describe, expect, it } from 'vitest';
import type { DispenseEvent } from '../dispense/events.ts';
import { EventLogGapError } from '../event-log/errors.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { viewDecider } from './project.ts';

const ID = '01JD0000000000000000000000';
const T = '2026-01-01T00:00:00.000Z';
const logged = (sequence: number, event: DispenseEvent): LoggedEvent => ({ aggregateId: ID, sequence, event, metadata: { command_id: `CMD${sequence}` } });
const started = logged(1, { type: 'Dispense:Started', data: { id: ID, created_at: T, status: 'pending' } });
const patient = logged(2, { type: 'Dispense:PatientAdded', data: { id: ID, patient_id: 'P1', patient_name: 'Ann', updated_at: T } });
const cancelled = logged(3, { type: 'Dispense:Cancelled', data: { id: ID, updated_at: T } });
const viewAfter = (...events: LoggedEvent[]) => events.reduce(viewDecider.evolve, viewDecider.initialState());

describe('viewDecider', () => {
  it('given no view, when the first event arrives, then it is applied and the view holds it', () => {
    const events = viewDecider.decide({ event: started, events: [started] }, viewDecider.initialState());

    expect(events).toEqual([started]);
    expect(viewAfter(...events)).toEqual({
      version: 1,
      view: { aggregate_type: 'Dispense', command_id: 'CMD1', id: ID, dispense: expect.objectContaining({ id: ID, status: 'pending' }) },
    });
  });

  it('given a view at 2, when event 1 or 2 comes again, then it is a duplicate: nothing to apply', () => {
    const current = viewAfter(started, patient);
    expect(viewDecider.decide({ event: started, events: [started] }, current)).toEqual([]);
    expect(viewDecider.decide({ event: patient, events: [patient] }, current)).toEqual([]);
  });

  it('given a view at 1, when event 3 arrives with 2 from the log, then both are applied in order', () => {
    const events = viewDecider.decide({ event: cancelled, events: [patient, cancelled] }, viewAfter(started));

    expect(events).toEqual([patient, cancelled]);
    expect(viewAfter(started, ...events)).toMatchObject({ version: 3, view: { command_id: 'CMD3', dispense: { patient_id: 'P1', status: 'cancelled' } } });
  });

  it('given a view at 1, when event 3 arrives and the log does not hold 2 yet, then it is a transient gap', () => {
    const decide = () => viewDecider.decide({ event: cancelled, events: [cancelled] }, viewAfter(started));

    expect(decide).toThrow(EventLogGapError);
    expect(decide).toThrow(expect.objectContaining({ transient: true }));
  });
});
