import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { isTransient } from '../../../platform/errors.ts';
import { createLogger, type Logger } from '../../../platform/log.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { parseDomainEvent } from '../shared/domain-event.ts';
import type { ViewDeps } from '../views/views.ts';
import { projectEvent, type ProjectOutcome } from './project.ts';

/** Re-reads after a lost conditional write before giving the record back to Lambda. */
const CONFLICT_ATTEMPTS = 3;

interface Held {
  readonly position: number;
  readonly sequenceNumber: string;
  readonly logged: LoggedEvent;
}

/**
 * The Kinesis batch handler of the views projector. Records are applied in order, each only if it
 * is the next event of its view. An event that arrives before an earlier one (a gap: the publisher
 * retried the earlier one) is held and applied as soon as the batch fills the gap. What the batch
 * cannot resolve — a gap, a repeated conflict, a transient failure — is reported by the sequence
 * number of the earliest such record, so Lambda retries from there; later records that were
 * applied come back as harmless duplicates. Records that are not dispense events are logged and skipped.
 */
export function viewsProjector(deps: ViewDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  const apply = async (logged: LoggedEvent): Promise<ProjectOutcome> => {
    let outcome = await projectEvent(deps, logged);
    for (let attempt = 1; outcome === 'conflict' && attempt < CONFLICT_ATTEMPTS; attempt++) outcome = await projectEvent(deps, logged);
    return outcome;
  };

  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const held: Held[] = [];
    /** Applies the held events of a view that just moved, in sequence order, while they fit. */
    const release = async (aggregateId: string) => {
      const waiting = held.filter((h) => h.logged.aggregateId === aggregateId).sort((a, b) => a.logged.sequence - b.logged.sequence);
      for (const entry of waiting) {
        const outcome = await apply(entry.logged);
        if (outcome === 'gap' || outcome === 'conflict') return;
        held.splice(held.indexOf(entry), 1);
      }
    };

    const records = event.Records ?? [];
    for (const [position, record] of records.entries()) {
      const { sequenceNumber } = record.kinesis;
      let logged: LoggedEvent;
      try {
        logged = parseDomainEvent(Buffer.from(record.kinesis.data, 'base64'));
      } catch (error) {
        logger.warn('record skipped: not a dispense event', { sequenceNumber, error });
        continue;
      }
      try {
        const outcome = await apply(logged);
        if (outcome === 'applied') await release(logged.aggregateId);
        else if (outcome === 'gap') held.push({ position, sequenceNumber, logged });
        else if (outcome === 'conflict') return retryFrom(logger, [...held, { position, sequenceNumber, logged }], 'conflict');
      } catch (error) {
        if (!isTransient(error)) logger.error('record skipped: it cannot be applied', { sequenceNumber, error });
        else return retryFrom(logger, [...held, { position, sequenceNumber, logged }], 'transient failure', error);
      }
    }
    return held.length === 0 ? { batchItemFailures: [] } : retryFrom(logger, held, 'gap');
  };
}

function retryFrom(logger: Logger, unresolved: readonly Held[], reason: string, error?: unknown): KinesisStreamBatchResponse {
  const first = unresolved.reduce((a, b) => (b.position < a.position ? b : a));
  const { aggregateId: id, sequence } = first.logged;
  logger.warn(`event not applied (${reason}), the batch is retried from it`, { id, sequence, sequenceNumber: first.sequenceNumber, error });
  return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
}
