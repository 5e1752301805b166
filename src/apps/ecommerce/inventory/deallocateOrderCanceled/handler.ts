import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { CANCELLATION_EVENT_NAMES, parseOrderEvent } from '../../events.ts';
import { inventoryDeps } from '../deps.ts';
import { deallocateOrderCanceled } from './deallocateOrderCanceled.ts';

const deps = inventoryDeps();
// Hoisted: inline, the generic call would leave `event` unknown in handle.
const parse = parseOrderEvent(CANCELLATION_EVENT_NAMES);

/** DeallocateOrderCanceledWorker: ORDER_CANCELED_EVENT / ORDER_CANCELLED_EVENT → ALLOCATED units back to stock, once. */
export const handler = sqsWorker({
  parse,
  handle: (event) => deallocateOrderCanceled(deps, event.eventData),
  logger: deps.logger,
});
