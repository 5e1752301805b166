import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '../../../platform/log.ts';
import type { CountOutcome, CountsRepository } from '../counts/repository.ts';
import { processInOrder } from './process-in-order.ts';
import type { CounterAction } from './rules.ts';

export interface CounterConsumerOptions {
  /** Decides what to do with one record (`insertAction` or `modifyAction`). */
  action: (record: DynamoDBRecord) => CounterAction;
  /** The idempotent counting transaction for a record the action selected. */
  apply: (counts: CountsRepository, accountId: string, serviceId: string) => Promise<CountOutcome>;
  counts: () => CountsRepository;
  logger: Logger;
}

/** A DynamoDB-stream handler that applies a counting transaction per selected record, in order, reporting batchItemFailures. */
export function counterConsumer(options: CounterConsumerOptions) {
  const { action, apply, logger } = options;
  return (event: DynamoDBStreamEvent) =>
    processInOrder(
      event.Records ?? [],
      async (record) => {
        const decided = action(record);
        if (decided.kind === 'skip') {
          logger.debug('record skipped', { sequenceNumber: record.dynamodb?.SequenceNumber, reason: decided.reason });
          return;
        }
        const outcome = await apply(options.counts(), decided.accountId, decided.serviceId);
        if (outcome === 'already-processed') logger.info('already processed', { accountId: decided.accountId, serviceId: decided.serviceId });
      },
      logger,
    );
}
