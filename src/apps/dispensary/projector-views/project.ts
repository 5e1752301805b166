import { evolve } from '../dispense/decider.ts';
import { AGGREGATE_TYPE, type DispenseState } from '../dispense/dispense.ts';
import { readEvents } from '../event-log/event-log.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { readView, writeView, type DispenseView, type ViewDeps } from '../views/views.ts';

/** The view table, and the event log a gap is caught up from. */
export interface ProjectorDeps extends ViewDeps {
  readonly eventLogTable: string;
}

/**
 * `applied` (with any missing predecessors); `duplicate` (already applied: skipped); `gap` (the
 * event log does not hold the missing predecessors yet: retry later); `conflict` (other
 * projectors kept winning the conditional write, re-read each time: retry later).
 */
export type ProjectOutcome = 'applied' | 'duplicate' | 'gap' | 'conflict';

/**
 * Brings a dispense's view up to `logged` (decision 4): an event at or below the view's version is
 * a duplicate; the next one is applied; one further ahead (its predecessors reached Kinesis late,
 * or went to the DLQ) is preceded by the missing events, read from the event log, the source of
 * truth. The write is conditional on the version that was read, so redelivery, reordering and
 * racing projectors are harmless.
 */
export async function projectEvent(deps: ProjectorDeps, logged: LoggedEvent): Promise<ProjectOutcome> {
  // A lost conditional write means another projector moved the view: re-read and decide again.
  for (let attempt = 1; attempt < CONFLICT_ATTEMPTS; attempt++) {
    const outcome = await projectOnce(deps, logged);
    if (outcome !== 'conflict') return outcome;
  }
  return projectOnce(deps, logged);
}

export const CONFLICT_ATTEMPTS = 5;

async function projectOnce(deps: ProjectorDeps, logged: LoggedEvent): Promise<ProjectOutcome> {
  const current = await readView(deps, logged.aggregateId);
  const version = current?.version ?? 0;
  if (logged.sequence <= version) return 'duplicate';
  const missing = logged.sequence === version + 1 ? [logged] : await readEvents(deps, logged.aggregateId, version, logged.sequence);
  if (!isRun(missing, version, logged.sequence)) return 'gap';
  const dispense = missing.reduce<DispenseState>((state, next) => evolve(state, next.event), current?.view.dispense ?? null);
  const last = missing.at(-1)!;
  const view: DispenseView = { aggregate_type: AGGREGATE_TYPE, command_id: last.metadata.command_id, id: logged.aggregateId, dispense: dispense! };
  return (await writeView(deps, view, logged.sequence, version)) ? 'applied' : 'conflict';
}

/** Exactly the sequences `after + 1 … through`, in order. */
const isRun = (events: readonly LoggedEvent[], after: number, through: number): boolean =>
  events.length === through - after && events.every((e, i) => e.sequence === after + 1 + i);
