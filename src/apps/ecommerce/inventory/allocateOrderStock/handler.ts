import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { parseOrderEvent } from '../../events.ts';
import { inventoryDeps } from '../deps.ts';
import { allocateOrderStock } from './allocateOrderStock.ts';

const deps = inventoryDeps();
// Hoisted: inline, the generic call would leave `event` unknown in handle.
const parse = parseOrderEvent(['ORDER_CREATED_EVENT']);

/** AllocateOrderStockWorker: ORDER_CREATED_EVENT → stock reserved once → ORDER_STOCK_ALLOCATED / _DEPLETED_EVENT. */
export const handler = sqsWorker({
  parse,
  handle: async (event) => {
    await allocateOrderStock(deps, event.eventData);
  },
  logger: deps.logger,
});
