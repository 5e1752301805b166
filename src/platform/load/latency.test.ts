import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentile } from './latency.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the smallest value covering p % of the values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('handles one value, no values and p = 0', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
    expect(percentile([3, 4], 0)).toBe(3);
  });
});

describe('LatencyRecorder', () => {
  it('summarizes what it recorded, in any order', () => {
    const recorder = new LatencyRecorder();
    for (const ms of [40, 10, 30, 20]) recorder.record(ms);
    expect(recorder.summary()).toEqual({ count: 4, min: 10, mean: 25, p50: 20, p95: 40, p99: 40, max: 40 });
  });

  it('merges recorders into an overall one', () => {
    const a = new LatencyRecorder();
    const b = new LatencyRecorder();
    a.record(1);
    b.record(3);
    b.record(2);
    expect(LatencyRecorder.merge(a, b).summary()).toMatchObject({ count: 3, min: 1, p50: 2, max: 3 });
  });

  it('summarizes nothing as zeros', () => {
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
