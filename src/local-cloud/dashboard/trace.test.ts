import { describe, expect, it } from 'vitest';
import type { Activity } from '../activity/index.ts';
import { buildTrace } from './trace.ts';

let seq = 0;
const step = (fields: Partial<Activity> & Pick<Activity, 'kind' | 'from' | 'to' | 'at'>): Activity => ({ seq: ++seq, ...fields });
const context = { ruleTargets: (rule: string) => (rule === 'rule:sync' ? ['queue:syncQueue'] : []) };

describe('buildTrace', () => {
  it('orders steps by when they began, infers who sent to a queue, lists participants by first appearance', () => {
    // Prepare: an API invocation reported at its end, after the stream record it caused was read.
    const activities = [
      step({ kind: 'stream-record', from: 'table:store', to: 'pipe:toBus', at: 1_060 }),
      step({ kind: 'invocation', from: 'api:orders', to: 'function:place', at: 1_050, durationMs: 50, outcome: 'ok' }),
      step({ kind: 'pipe-delivery', from: 'pipe:toBus', to: 'bus:events', at: 1_080, durationMs: 5, count: 1 }),
      step({ kind: 'queue-send', from: '', to: 'queue:syncQueue', at: 1_080 }),
      step({ kind: 'rule-match', from: 'bus:events', to: 'rule:sync', at: 1_081 }),
      step({ kind: 'invocation', from: 'queue:syncQueue', to: 'function:sync', at: 1_200, durationMs: 20, outcome: 'error', note: 'Boom', count: 2 }),
      step({ kind: 'queue-send', from: '', to: 'queue:other', at: 1_190 }),
    ];

    // Act
    const trace = buildTrace('ORD-1', activities, context);

    // Assess
    expect(trace.steps.map((s) => `${s.offsetMs} ${s.kind} ${s.from} -> ${s.to}`)).toEqual([
      '0 invocation api:orders -> function:place',
      '60 stream-record table:store -> pipe:toBus',
      '75 pipe-delivery pipe:toBus -> bus:events',
      '81 rule-match bus:events -> rule:sync',
      '81 queue-send rule:sync -> queue:syncQueue',
      '180 invocation queue:syncQueue -> function:sync',
      '190 queue-send function:sync -> queue:other',
    ]);
    expect(trace.steps[5]).toMatchObject({ durationMs: 20, outcome: 'error', note: 'Boom', count: 2 });
    expect(trace.participants).toEqual(['api:orders', 'function:place', 'table:store', 'pipe:toBus', 'bus:events', 'rule:sync', 'queue:syncQueue', 'function:sync', 'queue:other']);
    expect(trace.totalMs).toBe(200);
  });

  it('a send nobody explains comes from a client; no activity is an empty trace', () => {
    expect(buildTrace('k', [step({ kind: 'queue-send', from: '', to: 'queue:q', at: 5 })], context).steps[0]?.from).toBe('client');
    expect(buildTrace('k', [], context)).toEqual({ key: 'k', participants: [], steps: [], totalMs: 0 });
  });
});
