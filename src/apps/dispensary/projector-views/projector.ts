import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { isTransient } from '../../../platform/errors.ts';
import { createLogger, type Logger } from '../../../platform/log.ts';
import type { LoggedEvent } from '../event-log/records.ts';
import { parseDomainEvent } from '../shared/domain-event.ts';
import { projectEvent, type ProjectOutcome, type ProjectorDeps } from './project.ts';

/** Re-reads after a lost conditional write before giving the record back to Lambda. */
const CONFLICT_ATTEMPTS = 3;

interface Unresolved {
  readonly sequenceNumber: string;
  readonly logged: LoggedEvent;
}

/**
 * The Kinesis batch handler of the views projector. Records are applied in order; one that arrives
 * before its predecessors (the publisher put n+1 before a retried n) first applies them from the
 * event log, and the predecessors come back later as duplicates. What the batch cannot resolve — a
 * gap the event log cannot fill yet, a repeated conflict, a transient failure — is reported by the
 * sequence number of the earliest such record, so Lambda retries from there; later records that
 * were applied come back as harmless duplicates. Records that are not dispense events are logged
 * and skipped.
 */
export function viewsProjector(deps: ProjectorDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  const apply = async (logged: LoggedEvent): Promise<ProjectOutcome> => {
    let outcome = await projectEvent(deps, logged);
    for (let attempt = 1; outcome === 'conflict' && attempt < CONFLICT_ATTEMPTS; attempt++) outcome = await projectEvent(deps, logged);
    return outcome;
  };

  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const gaps: Unresolved[] = [];
    for (const record of event.Records ?? []) {
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
        if (outcome === 'gap') gaps.push({ sequenceNumber, logged });
        else if (outcome === 'conflict') return retryFrom(logger, gaps[0] ?? { sequenceNumber, logged }, 'conflict');
      } catch (error) {
        if (!isTransient(error)) logger.error('record skipped: it cannot be applied', { sequenceNumber, error });
        else return retryFrom(logger, gaps[0] ?? { sequenceNumber, logged }, 'transient failure', error);
      }
    }
    return gaps[0] ? retryFrom(logger, gaps[0], 'gap: the event log does not hold the missing events yet') : { batchItemFailures: [] };
  };
}

function retryFrom(logger: Logger, first: Unresolved, reason: string, error?: unknown): KinesisStreamBatchResponse {
  const { aggregateId: id, sequence } = first.logged;
  logger.warn(`event not applied (${reason}), the batch is retried from it`, { id, sequence, sequenceNumber: first.sequenceNumber, error });
  return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
}
