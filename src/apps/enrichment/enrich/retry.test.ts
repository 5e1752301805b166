import { describe, expect, it } from 'vitest';
import { backoffDelays, withRetry } from './retry.ts';

describe('backoffDelays', () => {
  it('waits 1 s then 2 s between three attempts by default', () => {
    expect(backoffDelays()).toEqual([1_000, 2_000]);
  });

  it('doubles from the initial delay for as many attempts as asked', () => {
    expect(backoffDelays({ attempts: 4 })).toEqual([1_000, 2_000, 4_000]);
    expect(backoffDelays({ attempts: 3, initialDelayMs: 5, factor: 3 })).toEqual([5, 15]);
    expect(backoffDelays({ attempts: 1 })).toEqual([]);
    expect(() => backoffDelays({ attempts: 0 })).toThrow(RangeError);
  });
});

describe('withRetry', () => {
  it('retries until a call succeeds, sleeping the schedule', async () => {
    // Prepare
    const slept: number[] = [];
    const calls: number[] = [];

    // Act
    const result = await withRetry(
      async (attempt) => {
        calls.push(attempt);
        if (attempt < 3) throw new Error(`failure ${attempt}`);
        return 'done';
      },
      {},
      async (ms) => void slept.push(ms),
    );

    // Assess
    expect(result).toBe('done');
    expect(calls).toEqual([1, 2, 3]);
    expect(slept).toEqual([1_000, 2_000]);
  });

  it('rethrows the last error after the last attempt, without a final wait', async () => {
    const slept: number[] = [];
    const failing = withRetry(async (attempt) => Promise.reject(new Error(`failure ${attempt}`)), { attempts: 3 }, async (ms) => void slept.push(ms));
    await expect(failing).rejects.toThrow('failure 3');
    expect(slept).toEqual([1_000, 2_000]);
  });
});
