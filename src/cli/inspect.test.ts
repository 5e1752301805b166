import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../local-cloud/inspector.ts';
import { snapshotSections } from './inspect.ts';

const event = (n: number) => ({ bus: 'default', id: `e${n}`, source: 'shop', detailType: 'OrderPlaced', time: `t${n}`, matchedRules: ['a', 'b'] });
const snapshot: Snapshot = {
  tables: ['shop-store'],
  queues: [
    { name: 'shop-jobs', visible: 2, inFlight: 1, delayed: 0, deadLetterQueue: 'shop-dlq' },
    { name: 'shop-dlq', visible: 0, inFlight: 0, delayed: 0 },
  ],
  buckets: [{ name: 'shop-uploads', objects: 3 }],
  rules: [{ bus: 'default', name: 'audit', state: 'ENABLED', eventPattern: '{}', targets: ['arn:1', 'arn:2'] }],
  functions: [{ name: 'shop-api', invocations: 9, errors: 1, timeouts: 0, running: 0, warmWorkers: 2 }],
  pipes: [{ name: 'shop-pipe', delivered: 4, filteredOut: 1 }],
  recentEvents: Array.from({ length: 25 }, (_, i) => event(i + 1)),
};

describe('snapshotSections', () => {
  const sections = Object.fromEntries(snapshotSections(snapshot).map(({ title, rows }) => [title, rows]));

  it('shows each kind of resource in its own table, in a fixed order', () => {
    expect(Object.keys(sections)).toEqual(['Tables', 'Queues', 'Buckets', 'Rules', 'Functions', 'Pipes', 'Recent events']);
  });

  it('keeps the columns worth a glance: queue depths with the DLQ, target counts, function counters', () => {
    expect(sections.Queues).toEqual([
      { name: 'shop-jobs', visible: 2, inFlight: 1, delayed: 0, dlq: 'shop-dlq' },
      { name: 'shop-dlq', visible: 0, inFlight: 0, delayed: 0, dlq: '' },
    ]);
    expect(sections.Rules).toEqual([{ bus: 'default', name: 'audit', state: 'ENABLED', targets: 2 }]);
    expect(sections.Functions).toEqual([{ name: 'shop-api', invocations: 9, errors: 1, timeouts: 0, running: 0 }]);
  });

  it('lists the last 20 events with the rules they matched', () => {
    expect(sections['Recent events']).toHaveLength(20);
    expect(sections['Recent events']![0]).toEqual({ time: 't6', source: 'shop', detailType: 'OrderPlaced', rules: 'a,b' });
  });
});
