import { createLogger } from '../../../platform/log.ts';
import { countsRepository, type CountsRepository } from '../counts/repository.ts';
import { tableFromEnv } from '../table.ts';
import { counterConsumer } from './consumer.ts';
import { insertAction } from './rules.ts';

let counts: CountsRepository | undefined;

/** `service-insert-counter`: counts each new service once (its `create_counter_processed` flag guards the ADD). */
export const handler = counterConsumer({
  action: insertAction,
  apply: (repository, accountId, serviceId) => repository.countService(accountId, serviceId),
  counts: () => (counts ??= countsRepository(tableFromEnv())),
  logger: createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } }),
});
