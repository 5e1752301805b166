import { describe, expect, it } from 'vitest';
import { runLoad, type LoadOptions } from './load.ts';
import { seededRandom } from './random.ts';

const options = (signal: AbortSignal): LoadOptions => ({ operations: ['get'], rate: 100, durationSeconds: 60, concurrency: 5, random: seededRandom(1), signal });

describe('runLoad', () => {
  it('stops new arrivals on a fatal error and rethrows it once the running operations finished', async () => {
    // Prepare: the executor rejects only for fatal errors
    let executed = 0;
    let finished = 0;
    const executor = {
      execute: async () => {
        if (++executed === 2) throw new Error('fatal');
        await new Promise((resolve) => setTimeout(resolve, 0));
        finished++;
        return true;
      },
    };
    // Act
    const running = runLoad(executor, options(new AbortController().signal));
    // Assess
    await expect(running).rejects.toThrow('fatal');
    expect(executed).toBeLessThanOrEqual(3);
    expect(finished).toBe(executed - 1);
  });

  it('reports the arrivals so far when the signal aborts', async () => {
    // Prepare
    const stop = new AbortController();
    let executed = 0;
    const executor = {
      execute: async () => {
        if (++executed === 3) stop.abort();
        return true;
      },
    };
    // Act
    const figures = await runLoad(executor, options(stop.signal));
    // Assess
    expect(figures).toMatchObject({ requestedRate: 100, durationSeconds: 60, concurrency: 5, arrivals: 3, started: 3, dropped: 0, completed: 3 });
  });
});
