import { EcommerceApi, type ApiResponse, type EcommerceUrls } from './api.ts';
import { seedOrders, seedRestocks, type SeedOrder, type SeedRestock } from './data.ts';
import { waitUntilQuiet, type SettleOptions, type SettleProgress } from './settle.ts';
import type { SeedSummary } from './summary.ts';

/** What the seed tells its caller while it runs (the CLI draws a progress bar from it). */
export interface SeedReporter {
  /** After each request: how many of `total` were sent. */
  sent?(done: number, total: number): void;
  /** A request answered something other than 2xx. */
  failed?(label: string, response: ApiResponse): void;
  /** After each poll while waiting for the system to settle. */
  settling?(progress: SettleProgress): void;
}

export interface SeedOptions extends SettleOptions {
  urls: EcommerceUrls;
  /** Wait until the system is quiet and summarize it. Default true. */
  wait?: boolean;
  /** Attempts per request while it answers 5xx (the APIs are idempotent, so a retry is safe). Default 3. */
  attempts?: number;
  /** Default: the reference's init-database data set (35 restocks, 75 orders). */
  data?: { readonly restocks: readonly SeedRestock[]; readonly orders: readonly SeedOrder[] };
  reporter?: SeedReporter;
}

export interface SeedResult {
  readonly sent: number;
  /** Requests answered with a non-2xx status. */
  readonly failed: number;
  /** Absent with `wait: false`. */
  readonly summary?: SeedSummary;
  /** The deadline passed before the system was quiet (`summary` is then the last one seen). */
  readonly timedOut: boolean;
}

/**
 * The init-database script (spec §6, decision 7): sends the restocks, then the orders, one at a
 * time (each awaited), then waits until every order is final and nothing changes any more.
 *
 * @example
 * const result = await seedDatabase({ urls: { inventory, orders, payments } });
 * if (!result.summary?.ok) process.exitCode = 1;
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const { restocks, orders } = options.data ?? { restocks: seedRestocks, orders: seedOrders };
  const api = new EcommerceApi(options.urls);
  const reporter = options.reporter ?? {};
  const requests = [
    ...restocks.map((restock) => ({ label: `restock ${restock.sku} lot ${restock.lotId}`, send: () => api.restockSku(restock) })),
    ...orders.map((order) => ({ label: `order ${order.orderId}`, send: () => api.placeOrder(order) })),
  ];
  let failed = 0;
  for (const [index, request] of requests.entries()) {
    const response = await sendWithRetry(request.send, options.attempts ?? 3);
    if (response.status < 200 || response.status > 299) {
      failed++;
      reporter.failed?.(request.label, response);
    }
    reporter.sent?.(index + 1, requests.length);
  }
  if (options.wait === false) return { sent: requests.length, failed, timedOut: false };

  const expectedOrderIds = orders.map((order) => order.orderId);
  const settled = await waitUntilQuiet(api, { restocks, expectedOrderIds }, { ...options, onPoll: (progress) => reporter.settling?.(progress) });
  return { sent: requests.length, failed, summary: settled.summary, timedOut: settled.timedOut };
}

/** A 5xx (e.g. a cold function timing out on a loaded machine) is retried after a short pause. */
async function sendWithRetry(send: () => Promise<ApiResponse>, attempts: number): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status < 500 || attempt >= attempts) return response;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}
