import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('Metrics', () => {
  it('keeps per-operation counts, failures, warnings, latency percentiles and capacity, and the totals', () => {
    const metrics = new Metrics();
    metrics.record('put', { ok: true, latencyMs: 10, capacity: 1 });
    metrics.record('put', { ok: true, warning: true, latencyMs: 30, capacity: 0 });
    metrics.record('query', { ok: false, latencyMs: 5, capacity: 0 });
    metrics.record('get', { ok: true, latencyMs: 20, capacity: 1.5 });

    expect(metrics.operations()).toEqual([
      { operation: 'put', count: 2, succeeded: 2, failed: 0, warnings: 1, p50Ms: 10, p95Ms: 30, p99Ms: 30, capacity: 1 },
      { operation: 'get', count: 1, succeeded: 1, failed: 0, warnings: 0, p50Ms: 20, p95Ms: 20, p99Ms: 20, capacity: 1.5 },
      { operation: 'query', count: 1, succeeded: 0, failed: 1, warnings: 0, p50Ms: 5, p95Ms: 5, p99Ms: 5, capacity: 0 },
    ]);
    expect(metrics.total()).toMatchObject({ operation: 'total', count: 4, succeeded: 3, failed: 1, p50Ms: 10, p99Ms: 30, capacity: 2.5 });
    expect([metrics.count, metrics.succeeded]).toEqual([4, 3]);
  });

  it('uses the nearest rank and leaves percentiles out before any operation', () => {
    const metrics = new Metrics();
    expect(metrics.total()).toEqual({ operation: 'total', count: 0, succeeded: 0, failed: 0, warnings: 0, capacity: 0 });

    for (let ms = 1; ms <= 100; ms++) metrics.record('scan', { ok: true, latencyMs: ms, capacity: 0.5 });

    expect(metrics.total()).toMatchObject({ p50Ms: 50, p95Ms: 95, p99Ms: 99, capacity: 50 });
  });
});
