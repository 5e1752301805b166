import { handleCommand, type CommandStore, type Decider } from '../../../platform/decider.ts';
import { evolve as evolveDispense } from '../dispense/decider.ts';
import { AGGREGATE_TYPE } from '../dispense/dispense.ts';
import { EventLogGapError } from '../event-log/errors.ts';
import { readEvents } from '../event-log/event-log.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { readView, writeView, type VersionedView, type ViewDeps } from '../views/views.ts';

/** The view table, and the event log a gap is caught up from. */
export interface ProjectorDeps extends ViewDeps {
  readonly eventLogTable: string;
}

/** `applied` (with any missing predecessors) or `duplicate` (already applied: nothing written). */
export type ProjectOutcome = 'applied' | 'duplicate';

/** Bring the view up to `event`, given the events the log holds after the view up to it (`event` included). */
interface CatchUp {
  readonly event: LoggedEvent;
  readonly events: readonly LoggedEvent[];
}

/** A view (null: none yet) follows its dispense's events; its version is the last sequence applied. */
export const viewDecider: Decider<VersionedView | null, CatchUp, LoggedEvent> = {
  decide: ({ event, events }, current) => {
    const version = current?.version ?? 0;
    if (event.sequence <= version) return [];
    if (!isRun(events, version, event.sequence)) throw new EventLogGapError(event.aggregateId, event.sequence);
    return events;
  },
  evolve: (current, next) => ({
    version: next.sequence,
    view: { aggregate_type: AGGREGATE_TYPE, command_id: next.metadata.command_id, id: next.aggregateId, dispense: evolveDispense(current?.view.dispense ?? null, next.event) },
  }),
  initialState: () => null,
};

/** Re-reads after a lost conditional write (another projector moved the view) before the record is retried. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Brings a dispense's view up to `logged` (decision 4) with `handleCommand`: an event at or below
 * the view's version is a duplicate; the next one is applied; one further ahead (its predecessors
 * reached Kinesis late, or went to the DLQ) is preceded by the missing events, read from the event
 * log, the source of truth. The write is conditional on the version that was read, so redelivery,
 * reordering and racing projectors are harmless. Throws EventLogGapError when the log does not hold
 * the missing events yet, VersionConflictError when other projectors kept winning: both transient.
 */
export async function projectEvent(deps: ProjectorDeps, logged: LoggedEvent): Promise<ProjectOutcome> {
  const { events } = await handleCommand(
    viewDecider,
    viewStore(deps, logged.aggregateId),
    async ({ version }): Promise<CatchUp> => ({
      event: logged,
      events: logged.sequence <= version + 1 ? [logged] : await readEvents(deps, logged.aggregateId, version, logged.sequence),
    }),
    { maxAttempts: CONFLICT_ATTEMPTS, backoffMs: () => 0 },
  );
  return events.length > 0 ? 'applied' : 'duplicate';
}

function viewStore(deps: ProjectorDeps, id: string): CommandStore<VersionedView | null, LoggedEvent, number> {
  return {
    read: async () => {
      const current = await readView(deps, id);
      return { state: current ?? null, version: current?.version ?? 0 };
    },
    write: async ({ before, after }) => ((await writeView(deps, after!.view, after!.version, before.version)) ? { version: after!.version } : 'conflict'),
  };
}

/** Exactly the sequences `after + 1 … through`, in order. */
const isRun = (events: readonly LoggedEvent[], after: number, through: number): boolean =>
  events.length === through - after && events.every((e, i) => e.sequence === after + 1 + i);
