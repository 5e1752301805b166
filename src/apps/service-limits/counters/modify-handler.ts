import { createLogger } from '../../../platform/log.ts';
import { countsRepository, type CountsRepository } from '../counts/repository.ts';
import { tableFromEnv } from '../table.ts';
import { counterConsumer } from './consumer.ts';
import { modifyAction } from './rules.ts';

let counts: CountsRepository | undefined;

/** `service-modify-counter`: hard-deletes each counted, soft-deleted service and subtracts it, once. */
export const handler = counterConsumer({
  action: modifyAction,
  apply: (repository, accountId, serviceId) => repository.uncountService(accountId, serviceId),
  counts: () => (counts ??= countsRepository(tableFromEnv())),
  logger: createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } }),
});
