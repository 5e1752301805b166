import { describe, expect, it } from 'vitest';
import type { OrderData } from '../../events.ts';
import type { OrderPayment } from '../payments.ts';
import { decidePayment, MAX_ALLOWED_PAYMENT_RETRIES, type GatewayOutcome, type PaymentDecision } from './decidePayment.ts';

const FIRST = '2026-01-01T00:00:00.000Z';
const NOW = '2026-01-01T00:00:30.000Z';
const MD5 = 'AC1ED7';
const ERROR_ID = 'ERROR:ORDER_ID:ABC001';
const order: OrderData = { orderId: 'ABC001', sku: 'APPLES', units: 20, price: 33.25, userId: '123456' };

const stored = (paymentStatus: OrderPayment['paymentStatus'], paymentRetries: number, paymentId: string): OrderPayment => ({
  ...order,
  sku: 'STORED-SKU',
  createdAt: FIRST,
  updatedAt: FIRST,
  paymentId,
  paymentStatus,
  paymentRetries,
});

const outcomes = {
  accepted: { status: 'ACCEPTED', paymentId: MD5 },
  rejected: { status: 'REJECTED', paymentId: MD5 },
  failed: { status: 'FAILED', cause: new Error('shaky') },
  'not called': 'not-called',
} as const satisfies Record<string, GatewayOutcome | 'not-called'>;
type OutcomeName = keyof typeof outcomes;

const fresh = (paymentStatus: OrderPayment['paymentStatus'], paymentId: string): PaymentDecision => ({
  type: 'record',
  payment: { ...order, createdAt: NOW, updatedAt: NOW, paymentId, paymentStatus, paymentRetries: 0 },
});
const retry = (existing: OrderPayment, paymentStatus: OrderPayment['paymentStatus'], paymentId: string): PaymentDecision => ({
  type: 'record',
  payment: { ...existing, updatedAt: NOW, paymentId, paymentStatus, paymentRetries: existing.paymentRetries + 1 },
});

const given = (existing: OrderPayment | undefined) => ({
  when: (outcome: OutcomeName) => ({
    then: (expected: PaymentDecision) => expect(decidePayment(existing, outcomes[outcome], { order, now: NOW })).toEqual(expected),
  }),
});

describe('decidePayment', () => {
  describe('no stored payment', () => {
    const cases: [OutcomeName, PaymentDecision][] = [
      ['not called', { type: 'call-gateway', attempt: 1 }],
      ['accepted', fresh('PAYMENT_ACCEPTED', MD5)],
      ['rejected', fresh('PAYMENT_REJECTED', MD5)],
      ['failed', fresh('PAYMENT_FAILED', ERROR_ID)],
    ];
    it.each(cases)('gateway %s', (outcome, expected) => given(undefined).when(outcome).then(expected));
  });

  describe.each([0, 1, 2])('stored FAILED with %i retries: the gateway decides, one more retry', (retries) => {
    const existing = stored('PAYMENT_FAILED', retries, ERROR_ID);
    const cases: [OutcomeName, PaymentDecision][] = [
      ['not called', { type: 'call-gateway', attempt: retries + 2 }],
      ['accepted', retry(existing, 'PAYMENT_ACCEPTED', MD5)],
      ['rejected', retry(existing, 'PAYMENT_REJECTED', MD5)],
      ['failed', retry(existing, 'PAYMENT_FAILED', ERROR_ID)],
    ];
    it.each(cases)('gateway %s', (outcome, expected) => given(existing).when(outcome).then(expected));
  });

  describe(`stored FAILED with ${MAX_ALLOWED_PAYMENT_RETRIES} retries: rejected without the gateway`, () => {
    const existing = stored('PAYMENT_FAILED', 3, ERROR_ID);
    it.each(Object.keys(outcomes) as OutcomeName[])('gateway %s', (outcome) => given(existing).when(outcome).then(retry(existing, 'PAYMENT_REJECTED', ERROR_ID)));
  });

  describe.each([
    ['ACCEPTED', stored('PAYMENT_ACCEPTED', 2, MD5)],
    ['REJECTED', stored('PAYMENT_REJECTED', 4, ERROR_ID)],
  ])('stored %s: final, kept as is', (_status, existing) => {
    it.each(Object.keys(outcomes) as OutcomeName[])('gateway %s', (outcome) => given(existing).when(outcome).then({ type: 'keep', payment: existing }));
  });

  it('keeps a FAILED payment id the gateway did not replace', () => {
    const existing = stored('PAYMENT_FAILED', 1, 'GW-ID');

    expect(decidePayment(existing, outcomes.failed, { order, now: NOW })).toEqual(retry(existing, 'PAYMENT_FAILED', 'GW-ID'));
  });
});

describe('the lifecycle of a valid-price payment (spec §4.4 table)', () => {
  /** Runs attempts with the given gateway outcomes, feeding each record back as the stored payment. */
  function lifecycle(gateway: (attempt: number) => GatewayOutcome, attempts: number) {
    let existing: OrderPayment | undefined;
    const rows: { attempt: number; called: boolean; status: string; retries: number; paymentId: string }[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let decision = decidePayment(existing, 'not-called', { order, now: NOW });
      const called = decision.type === 'call-gateway';
      if (decision.type === 'call-gateway') {
        expect(decision.attempt).toBe(attempt);
        decision = decidePayment(existing, gateway(attempt), { order, now: NOW });
      }
      if (decision.type === 'call-gateway') throw new Error('asked twice');
      existing = decision.payment;
      rows.push({ attempt, called, status: existing.paymentStatus, retries: existing.paymentRetries, paymentId: existing.paymentId });
    }
    return rows;
  }

  it('fails four times, then rejects without a fifth call', () => {
    expect(lifecycle(() => outcomes.failed, 6)).toEqual([
      { attempt: 1, called: true, status: 'PAYMENT_FAILED', retries: 0, paymentId: ERROR_ID },
      { attempt: 2, called: true, status: 'PAYMENT_FAILED', retries: 1, paymentId: ERROR_ID },
      { attempt: 3, called: true, status: 'PAYMENT_FAILED', retries: 2, paymentId: ERROR_ID },
      { attempt: 4, called: true, status: 'PAYMENT_FAILED', retries: 3, paymentId: ERROR_ID },
      { attempt: 5, called: false, status: 'PAYMENT_REJECTED', retries: 4, paymentId: ERROR_ID },
      { attempt: 6, called: false, status: 'PAYMENT_REJECTED', retries: 4, paymentId: ERROR_ID },
    ]);
  });

  it.each([1, 2, 3, 4])('accepted on attempt %i: retries = attempt − 1, the MD5 id, then final', (acceptedAt) => {
    const rows = lifecycle((attempt) => (attempt === acceptedAt ? outcomes.accepted : outcomes.failed), acceptedAt + 1);

    expect(rows.at(-2)).toEqual({ attempt: acceptedAt, called: true, status: 'PAYMENT_ACCEPTED', retries: acceptedAt - 1, paymentId: MD5 });
    expect(rows.at(-1)).toMatchObject({ called: false, status: 'PAYMENT_ACCEPTED', retries: acceptedAt - 1 });
  });
});
