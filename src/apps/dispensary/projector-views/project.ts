import { evolve } from '../dispense/decider.ts';
import { AGGREGATE_TYPE } from '../dispense/dispense.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { readView, writeView, type DispenseView, type ViewDeps } from '../views/views.ts';

/**
 * `applied`; `duplicate` (already applied: skipped); `gap` (an earlier event has not been applied
 * yet: retry later); `conflict` (another projector wrote the view meanwhile: retry).
 */
export type ProjectOutcome = 'applied' | 'duplicate' | 'gap' | 'conflict';

/**
 * Applies an event to its dispense's view only if it is the next one (decision 4): redelivery and
 * reordering are harmless. The write is conditional on the version that was read.
 */
export async function projectEvent(deps: ViewDeps, logged: LoggedEvent): Promise<ProjectOutcome> {
  const current = await readView(deps, logged.aggregateId);
  const version = current?.version ?? 0;
  if (logged.sequence <= version) return 'duplicate';
  if (logged.sequence > version + 1) return 'gap';
  const dispense = evolve(current?.view.dispense ?? null, logged.event);
  const view: DispenseView = { aggregate_type: AGGREGATE_TYPE, command_id: logged.metadata.command_id, id: logged.aggregateId, dispense };
  return (await writeView(deps, view, logged.sequence, version)) ? 'applied' : 'conflict';
}
