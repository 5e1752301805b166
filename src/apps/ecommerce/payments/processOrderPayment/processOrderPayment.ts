import { publishEvent, type PublishResult } from '../../../../platform/event-store.ts';
import type { Logger } from '../../../../platform/log.ts';
import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { orderEvent, parseOrderEvent, type OrderData } from '../../events.ts';
import type { StoreDeps } from '../../shared/deps.ts';
import { PaymentFailedError } from '../errors.ts';
import type { PaymentGateway } from '../gateway.ts';
import { getPayment, PAYMENT_STATUS, recordPayment, type OrderPayment } from '../payments.ts';
import { decidePayment, type GatewayOutcome } from './decidePayment.ts';

/** The payments table (`table`), the event store table and the gateway. */
export interface PaymentDeps extends StoreDeps {
  readonly eventStore: string;
  readonly gateway: PaymentGateway;
}

/**
 * ProcessOrderPaymentWorker (spec §4.4): read the payment, decide (calling the gateway when the
 * lifecycle allows), record it with one conditional upsert, then publish the final outcome. A
 * FAILED payment throws PaymentFailedError (transient) so SQS redelivers the message.
 *
 * @example
 * const { payment, published } = await processOrderPayment(deps, event.eventData);
 */
export async function processOrderPayment(deps: PaymentDeps, order: OrderData): Promise<{ payment: OrderPayment; published: PublishResult }> {
  const now = deps.now();
  const existing = await getPayment(deps, order.orderId);
  let decision = decidePayment(existing, 'not-called', { order, now });
  let outcome: GatewayOutcome | undefined;
  if (decision.type === 'call-gateway') {
    outcome = await charge(deps.gateway, order, decision.attempt);
    decision = decidePayment(existing, outcome, { order, now });
  }
  if (decision.type === 'call-gateway') throw new Error('decidePayment asked for the gateway twice');
  const payment = decision.type === 'record' ? await recordPayment(deps, decision.payment, existing) : decision.payment;
  if (payment.paymentStatus === PAYMENT_STATUS.failed) {
    const cause = outcome?.status === 'FAILED' ? outcome.cause : undefined;
    throw new PaymentFailedError(`the payment of order ${order.orderId} failed; it will be retried`, { cause, context: { orderId: order.orderId, paymentRetries: payment.paymentRetries } });
  }
  const eventName = payment.paymentStatus === PAYMENT_STATUS.accepted ? 'ORDER_PAYMENT_ACCEPTED_EVENT' : 'ORDER_PAYMENT_REJECTED_EVENT';
  // A duplicate means an earlier delivery already published it: nothing left to do.
  const published = await publishEvent(deps.client, deps.eventStore, orderEvent(eventName, order, now));
  return { payment, published };
}

// Built apart: inline in sqsWorker({ parse: parseOrderEvent([...]) }), TS infers the event as unknown.
const parseAllocated = parseOrderEvent(['ORDER_STOCK_ALLOCATED_EVENT']);

/** The SQS handler: ORDER_STOCK_ALLOCATED_EVENT → payment record → ORDER_PAYMENT_ACCEPTED/REJECTED_EVENT. */
export function processOrderPaymentWorker(deps: PaymentDeps, options: { logger?: Logger } = {}) {
  return sqsWorker({
    parse: parseAllocated,
    handle: async (event) => {
      await processOrderPayment(deps, event.eventData);
    },
    ...options,
  });
}

/** One gateway call; a throw or an answer the port does not define is a failure. */
async function charge(gateway: PaymentGateway, order: OrderData, attempt: number): Promise<GatewayOutcome> {
  try {
    const result = await gateway.charge(order, attempt);
    if ((result?.status === 'ACCEPTED' || result?.status === 'REJECTED') && typeof result.paymentId === 'string' && result.paymentId !== '') return result;
    return { status: 'FAILED', cause: new Error(`unknown gateway response ${JSON.stringify(result)}`) };
  } catch (error) {
    return { status: 'FAILED', cause: error };
  }
}
