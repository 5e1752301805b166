import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for.ts';
import { StreamFeeds } from './stream-feeds.ts';

const streamArn = (table: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`;
const client = new DynamoDBStreamsClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const feedsMade: StreamFeeds[] = [];

afterEach(() => {
  for (const feeds of feedsMade.splice(0)) feeds.close();
});

function recordingReader() {
  const wakes: number[] = [];
  return { wakes, notify: () => void wakes.push(performance.now()) };
}

describe('StreamFeeds wake-ups', () => {
  it('wakes a stream at once, and defers the writes seen within minFetchGapMs to one wake-up at its end', async () => {
    // Prepare
    const feeds = new StreamFeeds({ client, minFetchGapMs: 50 });
    feedsMade.push(feeds);
    const orders = recordingReader();
    feeds.subscribe(streamArn('orders'), orders);

    // Act
    const first = performance.now();
    feeds.wakeTable('orders');
    feeds.wakeAll();
    feeds.wakeTable('orders');

    // Assess: the last write of the burst is read after the deferred wake-up, not at an idle poll.
    expect(orders.wakes).toHaveLength(1);
    await waitFor(() => orders.wakes.length === 2, { timeoutMs: 2_000, description: 'the deferred wake-up' });
    expect(orders.wakes[1]! - first).toBeGreaterThanOrEqual(40);
  });

  it('throttles each stream on its own and wakes only the written table', () => {
    const feeds = new StreamFeeds({ client, minFetchGapMs: 1_000 });
    feedsMade.push(feeds);
    const orders = recordingReader();
    const payments = recordingReader();
    const ordersToo = recordingReader();
    feeds.subscribe(streamArn('orders'), orders);
    feeds.subscribe(streamArn('orders'), ordersToo);
    feeds.subscribe(streamArn('payments'), payments);

    feeds.wakeTable('orders');
    feeds.wakeTable('payments');

    expect([orders.wakes.length, ordersToo.wakes.length, payments.wakes.length]).toEqual([1, 1, 1]);
    feeds.wakeTable('unknown');
    expect([orders.wakes.length, payments.wakes.length]).toEqual([1, 1]);
  });
});
