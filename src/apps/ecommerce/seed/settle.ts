import type { EcommerceApi } from './api.ts';
import type { SeedRestock } from './data.ts';
import { ApiResponseError } from './errors.ts';
import { summarize, type SeedSummary, type SystemSnapshot } from './summary.ts';

export interface SettleOptions {
  /** Give up waiting after this long. Default 180,000 ms. */
  timeoutMs?: number;
  /** Pause between polls. Default 1,000 ms. */
  intervalMs?: number;
  /** Polls in a row that must see the same state once every order is final. Default 2. */
  quietPolls?: number;
}

export interface SettleProgress {
  readonly settled: number;
  readonly expected: number;
  readonly elapsedMs: number;
  /** Set when a list API failed this poll (e.g. a cold function timing out); the next poll retries. */
  readonly error?: ApiResponseError;
}

/**
 * Polls the list APIs until every expected order is final, no payment is mid-retry, and the whole
 * state (statuses, retries, stock) stayed the same for `quietPolls` polls — so the workers that
 * follow a final order status (completing or returning the allocation) have run too.
 */
export async function waitUntilQuiet(
  api: EcommerceApi,
  expectation: { restocks: readonly SeedRestock[]; expectedOrderIds: readonly string[] },
  options: SettleOptions & { onPoll?: (progress: SettleProgress) => void },
): Promise<{ summary: SeedSummary; timedOut: boolean }> {
  const { timeoutMs = 180_000, intervalMs = 1_000, quietPolls = 2 } = options;
  const started = Date.now();
  let previous = '';
  let unchanged = 0;
  let last: SeedSummary | undefined;
  for (;;) {
    const polled = await poll(api);
    const elapsedMs = Date.now() - started;
    if (polled instanceof ApiResponseError) {
      options.onPoll?.({ settled: last?.settled ?? 0, expected: expectation.expectedOrderIds.length, elapsedMs, error: polled });
      if (elapsedMs >= timeoutMs) {
        if (last) return { summary: last, timedOut: true };
        throw polled;
      }
    } else {
      const summary = (last = summarize({ ...polled, ...expectation }));
      options.onPoll?.({ settled: summary.settled, expected: summary.expected, elapsedMs });
      const current = fingerprint(polled);
      unchanged = current === previous ? unchanged + 1 : 0;
      previous = current;
      const final = summary.settled === summary.expected && !polled.payments.some((payment) => payment.paymentStatus === 'PAYMENT_FAILED');
      if (final && unchanged >= quietPolls) return { summary, timedOut: false };
      if (elapsedMs >= timeoutMs) return { summary, timedOut: true };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, timeoutMs - elapsedMs))));
  }
}

async function poll(api: EcommerceApi): Promise<SystemSnapshot | ApiResponseError> {
  try {
    return await api.snapshot();
  } catch (error) {
    if (error instanceof ApiResponseError) return error;
    throw error;
  }
}

/** Everything that changes while the saga runs, in a stable order. */
function fingerprint(snapshot: SystemSnapshot): string {
  const lines = [
    ...snapshot.orders.map((order) => `o ${order.orderId} ${order.orderStatus}`),
    ...snapshot.payments.map((payment) => `p ${payment.orderId} ${payment.paymentStatus} ${payment.paymentRetries}`),
    ...snapshot.skus.map((sku) => `s ${sku.sku} ${sku.units}`),
  ];
  return lines.sort().join('\n');
}
