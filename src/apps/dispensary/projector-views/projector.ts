import type { KinesisStreamRecord } from 'aws-lambda';
import { createLogger, type Logger } from '../../../platform/log.ts';
import { streamWorker } from '../../../platform/stream-worker.ts';
import { parseDomainEvent } from '../shared/domain-event.ts';
import { projectEvent, type ProjectorDeps } from './project.ts';

/**
 * The Kinesis batch handler of the views projector (`streamWorker`). Records are applied in order;
 * one that arrives before its predecessors (the publisher put n+1 before a retried n) first applies
 * them from the event log, and the predecessors come back later as duplicates. What a record cannot
 * resolve — a gap the event log cannot fill yet, a conflict that outlasted the re-reads, a
 * transient failure — stops the batch there and is reported with every later record, so Lambda
 * retries from it. Records that are not dispense events are logged and skipped.
 */
export function viewsProjector(deps: ProjectorDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  return streamWorker({
    parse: (record: KinesisStreamRecord) => parseDomainEvent(Buffer.from(record.kinesis.data, 'base64')),
    handle: async (logged) => {
      await projectEvent(deps, logged);
    },
    logger,
  });
}
