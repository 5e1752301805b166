import type { OrderData } from '../../events.ts';
import type { GatewayResult } from '../gateway.ts';
import { isFinal, PAYMENT_STATUS, type OrderPayment } from '../payments.ts';

/** Gateway calls allowed after the first one; the attempt after the last retry rejects without a call. */
export const MAX_ALLOWED_PAYMENT_RETRIES = 3;

/** What one gateway call gave: a settlement, or a failure (a throw or an unknown answer). */
export type GatewayOutcome = GatewayResult | { readonly status: 'FAILED'; readonly cause?: unknown };

export type PaymentDecision =
  /** Ask the gateway (attempt counts from 1), then decide again with its outcome. */
  | { readonly type: 'call-gateway'; readonly attempt: number }
  /** The stored payment is final: write nothing, publish from it. */
  | { readonly type: 'keep'; readonly payment: OrderPayment }
  /** Upsert this record (unless a final one is stored by then). */
  | { readonly type: 'record'; readonly payment: OrderPayment };

export interface PaymentCommand {
  readonly order: OrderData;
  readonly now: string;
}

/** The paymentId of a payment the gateway never identified (a failure, or retries exhausted). */
export const errorPaymentId = (orderId: string) => `ERROR:ORDER_ID:${orderId}`;

/**
 * The payment lifecycle of spec §4.4 as a pure function of the stored payment and the gateway's
 * outcome (`'not-called'` before the gateway is asked). Final payments are kept; a FAILED payment
 * with 3 retries is rejected without a call; otherwise the gateway decides, and a failure is
 * recorded as FAILED with one more retry.
 *
 * @example
 * decidePayment(undefined, 'not-called', cmd)                       // { type: 'call-gateway', attempt: 1 }
 * decidePayment(undefined, { status: 'FAILED' }, cmd)               // record FAILED, retries 0, ERROR:ORDER_ID:<id>
 */
export function decidePayment(existing: OrderPayment | undefined, outcome: GatewayOutcome | 'not-called', command: PaymentCommand): PaymentDecision {
  if (existing && isFinal(existing)) return { type: 'keep', payment: existing };
  if (existing && existing.paymentRetries >= MAX_ALLOWED_PAYMENT_RETRIES) {
    return { type: 'record', payment: retried(existing, PAYMENT_STATUS.rejected, existing.paymentId, command.now) };
  }
  if (outcome === 'not-called') return { type: 'call-gateway', attempt: existing ? existing.paymentRetries + 2 : 1 };
  const status = outcome.status === 'ACCEPTED' ? PAYMENT_STATUS.accepted : outcome.status === 'REJECTED' ? PAYMENT_STATUS.rejected : PAYMENT_STATUS.failed;
  const paymentId = outcome.status === 'FAILED' ? existing?.paymentId : outcome.paymentId;
  if (existing) return { type: 'record', payment: retried(existing, status, paymentId, command.now) };
  const { orderId, sku, units, price, userId } = command.order;
  const payment = { orderId, sku, units, price, userId, createdAt: command.now, updatedAt: command.now, paymentId: paymentId || errorPaymentId(orderId), paymentStatus: status, paymentRetries: 0 };
  return { type: 'record', payment };
}

/** The next record of a FAILED payment: its order data and createdAt kept, one more retry. */
function retried(existing: OrderPayment, paymentStatus: OrderPayment['paymentStatus'], paymentId: string | undefined, now: string): OrderPayment {
  return { ...existing, updatedAt: now, paymentId: paymentId || errorPaymentId(existing.orderId), paymentStatus, paymentRetries: existing.paymentRetries + 1 };
}
