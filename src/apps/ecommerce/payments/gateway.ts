import { createHash } from 'node:crypto';
import type { OrderData } from '../events.ts';
import { PaymentFailedError, PaymentGatewayConfigError } from './errors.ts';

/** What a payment gateway answers when it settles a charge. */
export interface GatewayResult {
  readonly status: 'ACCEPTED' | 'REJECTED';
  readonly paymentId: string;
}

/**
 * The payment gateway port. `attempt` counts calls for one order from 1. A gateway that cannot
 * settle the charge right now throws (PaymentFailedError); the worker then retries later.
 */
export interface PaymentGateway {
  charge(order: OrderData, attempt: number): Promise<GatewayResult>;
}

export const GATEWAY_MODES = ['random', 'accept', 'reject', 'fail'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

export interface FakePaymentGatewayOptions {
  /**
   * Default `random` (the reference's fake: valid prices are accepted with `acceptRate`, else the
   * call fails). `accept` accepts every valid order, but the price rule still rejects (so the
   * init-database rejections stay rejections); `reject` rejects every call; `fail` fails every call.
   */
  mode?: GatewayMode;
  /** Probability of acceptance in `random` mode, 0..1. Default 0.3. */
  acceptRate?: number;
  /** Makes each draw a function of (seed, orderId, attempt), independent of call order. Default: unseeded. */
  seed?: string;
  /** The unseeded draw in [0, 1). Default Math.random. */
  random?: () => number;
}

/** The reference's paymentId: the first 6 hex digits of MD5(orderId), upper-cased (`ABC001` → `AC1ED7`). */
export function paymentIdFor(orderId: string): string {
  return createHash('md5').update(orderId).digest('hex').slice(0, 6).toUpperCase();
}

/** A deterministic draw in [0, 1) for one attempt of one order. */
export function seededDraw(seed: string, orderId: string, attempt: number): number {
  const digest = createHash('sha256').update(`${seed}\u0000${orderId}\u0000${attempt}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The gateway refuses a price outside (0, 100000) whatever the mode, deterministically. */
export const isPayablePrice = (price: number) => price > 0 && price < 100_000;

/**
 * The reference's fake gateway SDK (decision 3), made configurable so tests force each branch.
 *
 * @example
 * const gateway = fakePaymentGateway({ seed: 'run-42' }); // attempt n of an order always draws the same
 */
export function fakePaymentGateway(options: FakePaymentGatewayOptions = {}): PaymentGateway {
  const { mode = 'random', acceptRate = 0.3, seed, random = Math.random } = options;
  return {
    async charge(order, attempt) {
      if (mode === 'fail') throw shaky(order);
      const paymentId = paymentIdFor(typeof order.orderId === 'string' ? order.orderId : '');
      if (mode === 'reject' || !isWellFormed(order) || !isPayablePrice(order.price)) return { status: 'REJECTED', paymentId };
      if (mode === 'accept') return { status: 'ACCEPTED', paymentId };
      const draw = seed === undefined ? random() : seededDraw(seed, order.orderId, attempt);
      if (draw < acceptRate) return { status: 'ACCEPTED', paymentId };
      throw shaky(order);
    },
  };
}

/** Builds the fake gateway from PAYMENT_GATEWAY_MODE, PAYMENT_GATEWAY_ACCEPT_RATE and PAYMENT_GATEWAY_SEED (empty = default). */
export function gatewayFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PaymentGateway {
  const mode = env.PAYMENT_GATEWAY_MODE?.trim() || 'random';
  if (!(GATEWAY_MODES as readonly string[]).includes(mode)) throw new PaymentGatewayConfigError('PAYMENT_GATEWAY_MODE', mode, GATEWAY_MODES.join(' | '));
  const rateText = env.PAYMENT_GATEWAY_ACCEPT_RATE?.trim() || '0.3';
  const acceptRate = /^(\d+(\.\d*)?|\.\d+)$/.test(rateText) ? Number(rateText) : Number.NaN;
  if (!(acceptRate >= 0 && acceptRate <= 1)) throw new PaymentGatewayConfigError('PAYMENT_GATEWAY_ACCEPT_RATE', rateText, 'a number from 0 to 1');
  const seed = env.PAYMENT_GATEWAY_SEED || undefined;
  return fakePaymentGateway({ mode: mode as GatewayMode, acceptRate, ...(seed !== undefined && { seed }) });
}

function isWellFormed(order: OrderData): boolean {
  const { orderId, sku, units, price, userId } = order as Partial<Record<keyof OrderData, unknown>>;
  const strings = [orderId, sku, userId].every((value) => typeof value === 'string');
  return strings && [units, price].every((value) => typeof value === 'number' && Number.isFinite(value));
}

function shaky(order: OrderData): PaymentFailedError {
  return new PaymentFailedError('Payment failed because the payment gateway is shaky', { context: { orderId: order.orderId } });
}
