import { createLogger, type Logger } from '../../../platform/log.ts';
import { tables } from '../shared/config.ts';
import { storeDeps, type StoreDeps } from '../shared/deps.ts';

/** What the Inventory workers need: their table (`table`), the event store they publish to, a logger. */
export interface InventoryDeps extends StoreDeps {
  /** Where order events are published; the same physical table by default (decision 8). */
  readonly eventStoreTable: string;
  readonly logger: Logger;
}

export function inventoryDeps(): InventoryDeps {
  const logger = createLogger({ context: { service: 'inventory', function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return { ...storeDeps(tables.inventory), eventStoreTable: tables.eventStore, logger };
}
