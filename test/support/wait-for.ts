export interface WaitForOptions {
  /** Give up after this long; default 5,000 ms. */
  timeoutMs?: number;
  /** Pause between attempts; default 20 ms. */
  intervalMs?: number;
  /** Names what was awaited in the timeout error; default `condition`. */
  description?: string;
}

/**
 * Polls `check` until it neither throws nor returns `false`, and returns its result; after the
 * deadline throws, with the last error as `cause`. Use it instead of fixed sleeps: return a boolean,
 * or run assertions (a throwing `expect` means "not yet").
 *
 * @example
 * await waitFor(() => batches.length >= 3, { timeoutMs: 2_000, description: '3 batches' });
 * await waitFor(() => expect(records).toHaveLength(5));
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Exclude<T, false>> {
  const { timeoutMs = 5_000, intervalMs = 20, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${detail}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
