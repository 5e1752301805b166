import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  it('runs the first call at once and defers the calls inside the interval to one run at its end', async () => {
    // Prepare
    const runs: number[] = [];
    const wake = throttle(50, () => runs.push(performance.now()));

    // Act
    const firstCall = performance.now();
    wake();
    wake();
    wake();

    // Assess
    expect(runs).toHaveLength(1);
    await waitFor(() => runs.length === 2, { timeoutMs: 2_000, description: 'the deferred run' });
    expect(runs[1]! - firstCall).toBeGreaterThanOrEqual(40);
    expect(runs).toHaveLength(2);
  });

  it('runs at once again once the interval has passed', () => {
    let clock = 0;
    let runs = 0;
    const wake = throttle(20, () => runs++, () => clock);

    wake();
    clock = 25;
    wake();

    expect(runs).toBe(2);
  });

  it('drops a deferred run when cancelled', async () => {
    // Prepare
    let runs = 0;
    const wake = throttle(30, () => runs++);
    let later = false;
    const marker = throttle(60, () => (later = true));

    // Act
    wake();
    wake();
    wake.cancel();
    marker();
    marker();

    // Assess: the marker's deferred run comes after the cancelled one was due.
    await waitFor(() => later, { timeoutMs: 2_000, description: 'the marker run' });
    expect(runs).toBe(1);
  });
});
