export interface RetryPolicy {
  /** Calls in all, the first included. Default 3. */
  attempts?: number;
  /** Wait after the first failure; each later wait doubles. Default 1,000 ms. */
  initialDelayMs?: number;
  /** Default 2. */
  factor?: number;
}

/**
 * The waits between attempts: `attempts − 1` of them, growing by `factor` (1 s, 2 s by default; with
 * 4 attempts 1 s, 2 s, 4 s). The reference also waited after its last failure, which only delayed the
 * rethrow; that wait is dropped.
 */
export function backoffDelays(policy: RetryPolicy = {}): number[] {
  const { attempts = 3, initialDelayMs = 1_000, factor = 2 } = policy;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return Array.from({ length: attempts - 1 }, (_, n) => initialDelayMs * factor ** n);
}

/** Runs `call(attempt)` (attempt from 1) until it succeeds, waiting the backoff between failures; rethrows the last error. */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy = {}, sleep = defaultSleep): Promise<T> {
  const delays = backoffDelays(policy);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const delay = delays[attempt - 1];
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
