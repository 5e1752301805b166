import type { DynamoDBRecord } from 'aws-lambda';
import type { Logger } from '../../../platform/log.ts';
import { streamWorker } from '../../../platform/stream-worker.ts';
import type { CountOutcome, CountsRepository } from '../counts/repository.ts';
import type { CounterAction } from './rules.ts';

export interface CounterConsumerOptions {
  /** Decides what to do with one record (`insertAction` or `modifyAction`). */
  action: (record: DynamoDBRecord) => CounterAction;
  /** The idempotent counting transaction for a record the action selected. */
  apply: (counts: CountsRepository, accountId: string, serviceId: string) => Promise<CountOutcome>;
  counts: () => CountsRepository;
  logger: Logger;
}

/**
 * A DynamoDB-stream handler that applies a counting transaction per selected record, in order
 * (`streamWorker`: the first failure is reported with every record after it, so Lambda retries
 * from it and no record is counted before an earlier one).
 */
export function counterConsumer(options: CounterConsumerOptions) {
  const { action, apply, logger } = options;
  return streamWorker({
    parse: (record: DynamoDBRecord) => {
      const decided = action(record);
      if (decided.kind === 'count') return decided;
      logger.debug('record skipped', { sequenceNumber: record.dynamodb?.SequenceNumber, reason: decided.reason });
      return undefined;
    },
    handle: async ({ accountId, serviceId }) => {
      const outcome = await apply(options.counts(), accountId, serviceId);
      if (outcome === 'already-processed') logger.info('already processed', { accountId, serviceId });
    },
    logger,
  });
}
