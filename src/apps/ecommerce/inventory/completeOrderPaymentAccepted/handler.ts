import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { parseOrderEvent } from '../../events.ts';
import { inventoryDeps } from '../deps.ts';
import { completeOrderPaymentAccepted } from './completeOrderPaymentAccepted.ts';

const deps = inventoryDeps();
// Hoisted: inline, the generic call would leave `event` unknown in handle.
const parse = parseOrderEvent(['ORDER_PAYMENT_ACCEPTED_EVENT']);

/** CompleteOrderPaymentAcceptedWorker: ORDER_PAYMENT_ACCEPTED_EVENT → allocation COMPLETED_PAYMENT_ACCEPTED. */
export const handler = sqsWorker({
  parse,
  handle: (event) => completeOrderPaymentAccepted(deps, event.eventData),
  logger: deps.logger,
});
