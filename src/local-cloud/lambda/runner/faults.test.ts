import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.ts';

describe('FaultInjector', () => {
  it('draws nothing for a function without faults, and each fault by its rate', () => {
    // Prepare
    const draws = [0.2, 0.9];
    const faults = new FaultInjector(() => draws.shift() ?? 0);

    // Act
    faults.set('pay', { errorRate: 0.5, latencyMs: 250, duplicateRate: 0.5 });

    // Assess
    expect(faults.draw('other')).toBeUndefined();
    expect(faults.draw('pay')).toMatchObject({ error: true, latencyMs: 250, duplicate: false });
    expect(faults.list()).toEqual({ pay: { errorRate: 0.5, latencyMs: 250, duplicateRate: 0.5 } });
  });

  it('clears a function whose settings are all zero, or on clear()', () => {
    const faults = new FaultInjector();
    faults.set('a', { errorRate: 1 });
    faults.set('b', { latencyMs: 10 });

    faults.set('a', {});
    faults.clear('b');

    expect(faults.list()).toEqual({});
  });

  it.each([
    [{ errorRate: 1.5 }, /errorRate must be a number from 0 to 1/],
    [{ duplicateRate: -0.1 }, /duplicateRate must be a number from 0 to 1/],
    [{ latencyMs: 60_001 }, /latencyMs must be a number from 0 to 60000/],
    [{ errorRate: Number.NaN }, /errorRate/],
  ])('refuses %o', (settings, message) => {
    expect(() => new FaultInjector().set('f', settings)).toThrow(message);
  });
});
