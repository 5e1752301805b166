import { describe, expect, it } from 'vitest';
import { runConstantRate, type RateProgress } from './constant-rate.ts';

describe('runConstantRate', () => {
  it('starts rate × duration iterations, each with its index', async () => {
    // Prepare
    const seen: number[] = [];
    // Act
    const result = await runConstantRate({ ratePerSecond: 200, durationSeconds: 0.1, maxInFlight: 100, iteration: async (i) => void seen.push(i) });
    // Assess
    expect(result).toMatchObject({ scheduled: 20, due: 20, started: 20, completed: 20, failed: 0, dropped: 0, inFlight: 0 });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps starting on schedule while earlier iterations are still running (open model)', async () => {
    // Prepare: no iteration ends before every arrival has started
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let startedBeforeRelease = 0;
    // Act
    const run = runConstantRate({
      ratePerSecond: 100,
      durationSeconds: 0.1,
      maxInFlight: 50,
      iteration: async () => {
        if (++startedBeforeRelease === 10) release();
        await gate;
      },
    });
    // Assess
    expect(await run).toMatchObject({ started: 10, completed: 10, dropped: 0 });
  });

  it('drops and counts arrivals beyond maxInFlight', async () => {
    // Prepare
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A clock that jumps a second per reading makes every arrival due at once, before the gate opens.
    let tick = 0;
    const run = runConstantRate({ ratePerSecond: 200, durationSeconds: 0.1, maxInFlight: 3, iteration: () => gate, now: () => tick++ * 1_000 });
    // Act
    setTimeout(release, 0);
    // Assess
    expect(await run).toMatchObject({ scheduled: 20, started: 3, dropped: 17, completed: 3 });
  });

  it('counts a rejected iteration as failed', async () => {
    const result = await runConstantRate({ ratePerSecond: 100, durationSeconds: 0.05, maxInFlight: 10, iteration: async (i) => { if (i % 2 === 0) throw new Error('boom'); } });
    expect(result).toMatchObject({ started: 5, completed: 2, failed: 3 });
  });

  it('reports progress while running', async () => {
    const ticks: RateProgress[] = [];
    await runConstantRate({ ratePerSecond: 100, durationSeconds: 0.2, maxInFlight: 10, progressIntervalMs: 20, onProgress: (p) => ticks.push(p), iteration: async () => {} });
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((tick) => tick.started + tick.dropped === tick.due)).toBe(true);
  });

  it('reports the final tally once the run ends, even one shorter than the progress interval', async () => {
    const ticks: RateProgress[] = [];
    await runConstantRate({ ratePerSecond: 100, durationSeconds: 0.05, maxInFlight: 10, progressIntervalMs: 60_000, onProgress: (p) => ticks.push(p), iteration: async () => {} });
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({ due: 5, started: 5, completed: 5, inFlight: 0 });
  });

  it('stops starting when the signal aborts, and waits for the running iterations', async () => {
    // Prepare: a rate so low that only a cut-short wait lets the run end within the test timeout
    const stop = new AbortController();
    let finished = 0;
    // Act
    const result = await runConstantRate({
      ratePerSecond: 0.01,
      durationSeconds: 1_000,
      maxInFlight: 5,
      signal: stop.signal,
      iteration: async () => {
        stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 0));
        finished++;
      },
    });
    // Assess
    expect(result).toMatchObject({ scheduled: 10, due: 1, started: 1, completed: 1, dropped: 0, inFlight: 0 });
    expect(finished).toBe(1);
  });

  it('starts none of the overdue arrivals left after an abort', async () => {
    // Prepare: every arrival is due at once (see above); the second iteration aborts
    const stop = new AbortController();
    let tick = 0;
    // Act
    const result = await runConstantRate({
      ratePerSecond: 200,
      durationSeconds: 0.1,
      maxInFlight: 50,
      signal: stop.signal,
      now: () => tick++ * 1_000,
      iteration: async (i) => {
        if (i === 1) stop.abort();
      },
    });
    // Assess
    expect(result).toMatchObject({ scheduled: 20, due: 2, started: 2, dropped: 0 });
  });

  it('starts nothing when the signal is already aborted', async () => {
    const result = await runConstantRate({ ratePerSecond: 100, durationSeconds: 1, maxInFlight: 5, signal: AbortSignal.abort(), iteration: async () => {} });
    expect(result).toMatchObject({ due: 0, started: 0, achievedRate: 0 });
  });

  it('refuses a rate, duration or bound that is not positive', async () => {
    await expect(runConstantRate({ ratePerSecond: 0, durationSeconds: 1, maxInFlight: 1, iteration: async () => {} })).rejects.toThrow(RangeError);
  });
});
