import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../../../platform/load/latency.ts';
import { formatReport, withThresholds, type LoadReport } from './report.ts';

const latency = new LatencyRecorder().summary();
const base: Omit<LoadReport, 'thresholds' | 'passed'> = {
  target: 'http://h',
  rate: 200,
  durationSeconds: 20,
  maxInFlight: 1000,
  iterations: { scheduled: 4000, started: 4000, completed: 4000, dropped: 0, succeeded: 4000, limited: 0 },
  achievedRate: 200,
  requestRate: 400,
  latencyMs: { create: latency, delete: latency, overall: { ...latency, p95: 120 } },
  requests: { total: 8000, failed: 0, errorRate: 0, failures: {} },
  successRate: 1,
  limit: 5000,
  maxLive: 45,
  maxOvershoot: 0,
  maxObserved: { bestEffort: 40, eventual: 30 },
  convergence: { converged: true, seconds: 2, final: { bestEffort: 0, eventual: 0 }, orphansDeleted: 0, accountDeleted: true },
};

describe('the load report', () => {
  it('passes when there is no failure, the counters converged and nothing overshot', () => {
    const report = withThresholds(base);
    expect(report.passed).toBe(true);
    expect(report.thresholds.every((t) => t.pass)).toBe(true);
    expect(formatReport(report)).toContain('PASSED');
  });

  it('fails on a single failed request although the reference thresholds pass', () => {
    const report = withThresholds({ ...base, requests: { total: 8000, failed: 1, errorRate: 1 / 8000, failures: { 'POST /services/ → 500': 1 } } });
    expect(report.passed).toBe(false);
    expect(report.thresholds.filter((t) => t.owner === 'reference').every((t) => t.pass)).toBe(true);
    expect(formatReport(report)).toContain('1 × POST /services/ → 500');
  });

  it('fails when the counters did not converge or the limit was overshot', () => {
    expect(withThresholds({ ...base, convergence: { converged: false, seconds: 60, final: { bestEffort: 0, eventual: 2 }, orphansDeleted: 0, accountDeleted: false } }).passed).toBe(false);
    expect(withThresholds({ ...base, maxOvershoot: 1 }).passed).toBe(false);
  });

  it('judges the overshoot by the services live at once, and still shows the sampled counters', () => {
    const report = withThresholds({ ...base, limit: 2, maxLive: 5, maxOvershoot: 3, maxObserved: { bestEffort: 2, eventual: 1 } });
    expect(report.passed).toBe(false);
    const text = formatReport(report);
    expect(text).toContain('FAIL  ours      no limit overshoot (max 5 live of 2)');
    expect(text).toContain('max 5 services live at once (client count); max overshoot 3');
    expect(text).toContain('counters sampled: max best-effort 2, eventual 1');
  });

  it('fails when more than 5 % of the arrivals were dropped: the requested load was not offered', () => {
    const iterations = { ...base.iterations, started: 447, completed: 447, succeeded: 447, dropped: 3553 };
    const report = withThresholds({ ...base, iterations, achievedRate: 22.4 });
    expect(report.passed).toBe(false);
    expect(formatReport(report)).toContain('FAIL  ours      requested rate held (≤ 5 % of arrivals dropped) (22.4 of 200 iterations/s, 88.83 % dropped)');
    expect(withThresholds({ ...base, iterations: { ...base.iterations, dropped: 200 } }).passed).toBe(true);
  });

  it('does not fail on the reference latency threshold alone', () => {
    const slow = withThresholds({ ...base, latencyMs: { ...base.latencyMs, overall: { ...latency, p95: 2500 } } });
    expect(slow.thresholds.find((t) => t.name.startsWith('http_req_duration'))?.pass).toBe(false);
    expect(slow.passed).toBe(true);
  });
});
