import { describe, expect, it } from 'vitest';
import { runConstantRate } from './constant-rate.ts';

describe('runConstantRate', () => {
  it('schedules rate × duration arrivals and runs each one', async () => {
    let runs = 0;

    const result = await runConstantRate({ rate: 200, durationMs: 100, concurrency: 50 }, async () => void runs++);

    expect(result).toMatchObject({ arrivals: 20, started: 20, dropped: 0, completed: 20 });
    expect(runs).toBe(20);
  });

  it('drops arrivals beyond the concurrency bound instead of waiting for them (open model)', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((done) => (release = done));
    let started = 0;

    const result = await runConstantRate(
      { rate: 200, durationMs: 100, concurrency: 2, onArrival: (arrival) => arrival === 20 && release() },
      async () => {
        started++;
        await blocked;
      },
    );

    expect(result).toMatchObject({ arrivals: 20, started: 2, dropped: 18, completed: 2 });
    expect(started).toBe(2);
  });

  it('stops scheduling when aborted and waits for running tasks', async () => {
    const stop = new AbortController();
    let runs = 0;

    const result = await runConstantRate({ rate: 100, durationMs: 60_000, concurrency: 5, signal: stop.signal }, async () => {
      if (++runs === 3) stop.abort();
    });

    expect(result).toMatchObject({ arrivals: 3, completed: 3 });
  });

  it('rethrows a failing task after the running ones settle, and starts no more', async () => {
    let runs = 0;

    const running = runConstantRate({ rate: 100, durationMs: 60_000, concurrency: 5 }, async () => {
      if (++runs === 2) throw new Error('fatal');
    });

    await expect(running).rejects.toThrow('fatal');
    expect(runs).toBeLessThanOrEqual(3);
  });
});
