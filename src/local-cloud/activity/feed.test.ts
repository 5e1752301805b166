import { describe, expect, it } from 'vitest';
import { ActivityFeed } from './feed.ts';

const send = (to: string, payload: unknown) => ({ kind: 'queue-send' as const, from: '', to, payload });

describe('ActivityFeed', () => {
  it('keeps the last `capacity` steps in order, numbered from 1', () => {
    // Prepare
    const feed = new ActivityFeed({ capacity: 3, now: () => 1_000 });

    // Act
    for (const name of ['a', 'b', 'c', 'd', 'e']) feed.report(send(`queue:${name}`, name));

    // Assess
    expect(feed.recent().map((step) => [step.seq, step.to])).toEqual([
      [3, 'queue:c'],
      [4, 'queue:d'],
      [5, 'queue:e'],
    ]);
    expect(feed.recent(4).map((step) => step.seq)).toEqual([5]);
    expect(feed.recent(0, 1).map((step) => step.seq)).toEqual([5]);
    expect(feed.lastSeq).toBe(5);
    expect(feed.views()[0]).toEqual({ kind: 'queue-send', from: '', to: 'queue:c', seq: 3, at: 1_000 });
  });

  it('finds the steps whose payload mentions a key, strings and objects alike', () => {
    const feed = new ActivityFeed();
    feed.report(send('queue:a', '{"orderId":"ORD-1"}'));
    feed.report(send('queue:b', { Records: [{ body: 'ORD-2' }] }));
    feed.report(send('queue:c', { nested: { orderId: 'ORD-1' } }));
    feed.report(send('queue:d', undefined));

    expect(feed.search('ORD-1').map((step) => step.to)).toEqual(['queue:a', 'queue:c']);
    expect(feed.search('')).toEqual([]);
  });

  it('calls listeners with each step and drops one that throws, without failing the reporter', () => {
    const feed = new ActivityFeed();
    const seen: number[] = [];
    const stop = feed.listen((step) => seen.push(step.seq));
    feed.listen(() => {
      throw new Error('broken page');
    });

    feed.report(send('queue:a', 'x'));
    feed.report(send('queue:a', 'y'));
    stop();
    feed.report(send('queue:a', 'z'));

    expect(seen).toEqual([1, 2]);
  });
});
