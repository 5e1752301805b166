import { describe, expect, it } from 'vitest';
import type { OrderData } from '../events.ts';
import { PaymentFailedError, PaymentGatewayConfigError } from './errors.ts';
import { fakePaymentGateway, gatewayFromEnv, paymentIdFor, seededDraw, type PaymentGateway } from './gateway.ts';

const order = (overrides: Partial<OrderData> = {}): OrderData => ({ orderId: 'ABC001', sku: 'APPLES', units: 20, price: 33.25, userId: '123456', ...overrides });
const always = (draw: number) => () => draw;
const settle = (gateway: PaymentGateway, data: OrderData, attempt = 1) =>
  gateway.charge(data, attempt).then(
    (result) => result,
    (error: unknown) => error,
  );

describe('paymentIdFor', () => {
  it.each([
    ['ABC001', 'AC1ED7'],
    ['ORD011', 'D6527F'],
  ])('%s → %s (first 6 hex digits of MD5, upper-cased)', (orderId, paymentId) => {
    expect(paymentIdFor(orderId)).toBe(paymentId);
  });
});

describe('fakePaymentGateway, random mode', () => {
  it.each([0, 100_000, 120_000.99, -1])('rejects price %s whatever the draw', async (price) => {
    const gateway = fakePaymentGateway({ random: always(0) });

    await expect(gateway.charge(order({ price }), 1)).resolves.toEqual({ status: 'REJECTED', paymentId: 'AC1ED7' });
  });

  it.each([0.01, 99_999.99])('charges price %s (accepted on a low draw)', async (price) => {
    const gateway = fakePaymentGateway({ random: always(0.29) });

    await expect(gateway.charge(order({ price }), 1)).resolves.toEqual({ status: 'ACCEPTED', paymentId: 'AC1ED7' });
  });

  it('fails (transient) when the draw reaches the accept rate', async () => {
    const gateway = fakePaymentGateway({ random: always(0.3) });

    const error = await settle(gateway, order());

    expect(error).toBeInstanceOf(PaymentFailedError);
    expect(error).toMatchObject({ transient: true, message: 'Payment failed because the payment gateway is shaky' });
  });

  it('honours a custom accept rate', async () => {
    await expect(fakePaymentGateway({ acceptRate: 0.9, random: always(0.89) }).charge(order(), 1)).resolves.toMatchObject({ status: 'ACCEPTED' });
    await expect(fakePaymentGateway({ acceptRate: 0, random: always(0) }).charge(order(), 1)).rejects.toBeInstanceOf(PaymentFailedError);
  });

  it.each([
    ['a missing price', { price: undefined }],
    ['a string price', { price: '33.25' }],
    ['a numeric orderId', { orderId: 42 }],
    ['a missing userId', { userId: undefined }],
  ])('rejects %s', async (_label, overrides) => {
    const gateway = fakePaymentGateway({ random: always(0) });

    await expect(gateway.charge(order(overrides as unknown as Partial<OrderData>), 1)).resolves.toMatchObject({ status: 'REJECTED' });
  });
});

describe('fakePaymentGateway, seeded', () => {
  it('draws the same for the same (seed, order, attempt), whatever the call order', async () => {
    const attempts = [1, 2, 3, 4, 5, 6, 7, 8];
    const forward = await Promise.all(attempts.map((n) => settle(fakePaymentGateway({ seed: 's1' }), order(), n)));
    const backward = await Promise.all([...attempts].reverse().map((n) => settle(fakePaymentGateway({ seed: 's1' }), order(), n)));

    expect(backward.reverse()).toEqual(forward);
    for (const [index, outcome] of forward.entries()) {
      const accepted = seededDraw('s1', 'ABC001', index + 1) < 0.3;
      if (accepted) expect(outcome).toEqual({ status: 'ACCEPTED', paymentId: 'AC1ED7' });
      else expect(outcome).toBeInstanceOf(PaymentFailedError);
    }
  });

  it('draws in [0, 1) and differs across seeds, orders and attempts', () => {
    const draws = ['s1', 's2'].flatMap((seed) => ['ORD001', 'ORD002'].flatMap((orderId) => [1, 2].map((attempt) => seededDraw(seed, orderId, attempt))));

    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
    expect(new Set(draws).size).toBe(draws.length);
  });
});

describe('fakePaymentGateway, forced modes', () => {
  it('accept: accepts valid prices, the price rule still rejects', async () => {
    const gateway = fakePaymentGateway({ mode: 'accept', random: always(0.99) });

    await expect(gateway.charge(order(), 1)).resolves.toEqual({ status: 'ACCEPTED', paymentId: 'AC1ED7' });
    await expect(gateway.charge(order({ orderId: 'ORD011', price: 120_000.99 }), 1)).resolves.toEqual({ status: 'REJECTED', paymentId: 'D6527F' });
  });

  it('reject: rejects every charge', async () => {
    await expect(fakePaymentGateway({ mode: 'reject', random: always(0) }).charge(order(), 1)).resolves.toEqual({ status: 'REJECTED', paymentId: 'AC1ED7' });
  });

  it('fail: fails every charge, even one the price rule would reject', async () => {
    const gateway = fakePaymentGateway({ mode: 'fail', random: always(0) });

    await expect(gateway.charge(order(), 1)).rejects.toBeInstanceOf(PaymentFailedError);
    await expect(gateway.charge(order({ price: 0 }), 1)).rejects.toBeInstanceOf(PaymentFailedError);
  });
});

describe('gatewayFromEnv', () => {
  it('defaults to the reference fake (random, 0.3) when nothing or blanks are set', async () => {
    for (const env of [{}, { PAYMENT_GATEWAY_MODE: '', PAYMENT_GATEWAY_ACCEPT_RATE: '', PAYMENT_GATEWAY_SEED: '' }]) {
      const gateway = gatewayFromEnv(env);

      await expect(gateway.charge(order({ price: 0 }), 1)).resolves.toMatchObject({ status: 'REJECTED' });
    }
  });

  it('builds each mode', async () => {
    await expect(gatewayFromEnv({ PAYMENT_GATEWAY_MODE: 'accept' }).charge(order(), 1)).resolves.toMatchObject({ status: 'ACCEPTED' });
    await expect(gatewayFromEnv({ PAYMENT_GATEWAY_MODE: 'reject' }).charge(order(), 1)).resolves.toMatchObject({ status: 'REJECTED' });
    await expect(gatewayFromEnv({ PAYMENT_GATEWAY_MODE: 'fail' }).charge(order(), 1)).rejects.toBeInstanceOf(PaymentFailedError);
    await expect(gatewayFromEnv({ PAYMENT_GATEWAY_MODE: 'random', PAYMENT_GATEWAY_ACCEPT_RATE: '1' }).charge(order(), 1)).resolves.toMatchObject({ status: 'ACCEPTED' });
    await expect(gatewayFromEnv({ PAYMENT_GATEWAY_ACCEPT_RATE: '0' }).charge(order(), 1)).rejects.toBeInstanceOf(PaymentFailedError);
  });

  it('passes the seed on', async () => {
    const env = { PAYMENT_GATEWAY_SEED: 'run-7', PAYMENT_GATEWAY_ACCEPT_RATE: '0.5' };
    const expected = seededDraw('run-7', 'ABC001', 3) < 0.5 ? 'ACCEPTED' : 'FAILED';

    const outcome = await settle(gatewayFromEnv(env), order(), 3);

    expect(outcome instanceof PaymentFailedError ? 'FAILED' : (outcome as { status: string }).status).toBe(expected);
  });

  it.each([
    ['PAYMENT_GATEWAY_MODE', 'sometimes'],
    ['PAYMENT_GATEWAY_MODE', 'ACCEPT'],
    ['PAYMENT_GATEWAY_ACCEPT_RATE', 'abc'],
    ['PAYMENT_GATEWAY_ACCEPT_RATE', '1.5'],
    ['PAYMENT_GATEWAY_ACCEPT_RATE', '-0.1'],
    ['PAYMENT_GATEWAY_ACCEPT_RATE', '0x1'],
    ['PAYMENT_GATEWAY_ACCEPT_RATE', '30%'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    const build = () => gatewayFromEnv({ [variable]: value });

    expect(build).toThrow(PaymentGatewayConfigError);
    expect(build).toThrow(variable);
  });
});
