import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { parseOrderEvent } from '../../events.ts';
import { inventoryDeps } from '../deps.ts';
import { deallocateOrderPaymentRejected } from './deallocateOrderPaymentRejected.ts';

const deps = inventoryDeps();
// Hoisted: inline, the generic call would leave `event` unknown in handle.
const parse = parseOrderEvent(['ORDER_PAYMENT_REJECTED_EVENT']);

/** DeallocateOrderPaymentRejectedWorker: ORDER_PAYMENT_REJECTED_EVENT → units back to stock, once. */
export const handler = sqsWorker({
  parse,
  handle: (event) => deallocateOrderPaymentRejected(deps, event.eventData),
  logger: deps.logger,
});
