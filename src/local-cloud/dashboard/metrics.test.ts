import { describe, expect, it } from 'vitest';
import { ActivityFeed } from '../activity/index.ts';
import { DashboardMetrics } from './metrics.ts';

describe('DashboardMetrics', () => {
  it('keeps duration percentiles per function, matches per rule and the last record read per stream', () => {
    // Prepare
    const feed = new ActivityFeed();
    const metrics = new DashboardMetrics(feed);

    // Act
    for (let ms = 1; ms <= 100; ms++) feed.report({ kind: 'invocation', from: 'client', to: 'function:f', durationMs: ms });
    feed.report({ kind: 'rule-match', from: 'bus:b', to: 'rule:r' });
    feed.report({ kind: 'rule-match', from: 'bus:b', to: 'rule:r' });
    feed.report({ kind: 'stream-record', from: 'table:t', to: 'pipe:p', payload: [{ dynamodb: { SequenceNumber: '100' } }, { dynamodb: { SequenceNumber: '200' } }] });

    // Assess
    expect(metrics.percentiles('f')).toEqual({ p50: 50, p95: 95 });
    expect(metrics.percentiles('g')).toBeUndefined();
    expect(metrics.ruleMatches('r')).toBe(2);
    expect(metrics.streamPosition('table:t')).toEqual({ sequenceNumber: '200', at: expect.any(Number) });
    metrics.close();
    expect(feed.listenerCount).toBe(0);
  });

  it('keeps only the last 500 durations', () => {
    const feed = new ActivityFeed();
    const metrics = new DashboardMetrics(feed);
    for (let i = 0; i < 500; i++) feed.report({ kind: 'invocation', from: 'client', to: 'function:f', durationMs: 1_000 });
    for (let i = 0; i < 500; i++) feed.report({ kind: 'invocation', from: 'client', to: 'function:f', durationMs: 5 });

    expect(metrics.percentiles('f')).toEqual({ p50: 5, p95: 5 });
  });
});
