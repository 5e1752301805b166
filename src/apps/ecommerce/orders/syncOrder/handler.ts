import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { ORDER_EVENT_NAMES, parseOrderEvent } from '../../events.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { syncOrder } from './syncOrder.ts';

const deps = { ...storeDeps(tables.orders), eventStoreTable: tables.eventStore };
const parse = parseOrderEvent(ORDER_EVENT_NAMES);

/** SyncOrderWorker: any order event → the order view (create once, or a guarded status transition). */
export const handler = sqsWorker({
  parse,
  handle: async (event) => {
    await syncOrder(deps, event);
  },
});
