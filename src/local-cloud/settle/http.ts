import type { Hono } from 'hono';
import { SettleTimeoutError } from './errors.ts';
import { DEFAULT_SETTLE_TIMEOUT_MS, type SettleOptions } from './settle.ts';

/** An HTTP client's patience is finite: one request waits at most 10 minutes. */
export const MAX_HTTP_SETTLE_TIMEOUT_MS = 600_000;

/**
 * `GET /_eventloom/settled?timeoutMs=<ms>` (default 30,000): `settled()` for tests in any language.
 * 200 `{ settled: true, waitedMs }` once quiet; 408 `{ settled: false, busy, message }` at the
 * timeout; 400 `{ error, message }` naming `timeoutMs` when it is not a whole number of milliseconds.
 */
export function mountSettled(app: Hono, settled: (options: SettleOptions) => Promise<void>): void {
  app.get('/_eventloom/settled', async (c) => {
    const raw = c.req.query('timeoutMs');
    const timeoutMs = raw === undefined ? DEFAULT_SETTLE_TIMEOUT_MS : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(timeoutMs <= MAX_HTTP_SETTLE_TIMEOUT_MS)) {
      const message = `timeoutMs must be a whole number of milliseconds from 0 to ${MAX_HTTP_SETTLE_TIMEOUT_MS}, got "${raw}".`;
      return c.json({ error: 'InvalidParameterValue', message }, 400);
    }
    const started = performance.now();
    try {
      await settled({ timeoutMs });
      return c.json({ settled: true, waitedMs: Math.round(performance.now() - started) });
    } catch (error) {
      if (!(error instanceof SettleTimeoutError)) throw error;
      return c.json({ settled: false, busy: error.busy, message: error.message }, 408);
    }
  });
}
