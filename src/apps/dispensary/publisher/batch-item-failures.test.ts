import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { batchItemFailures } from './batch-item-failures.ts';

const put = (n: number): PutRecordsResultEntry => ({ SequenceNumber: `4960${n}`, ShardId: 'shardId-000000000000' });
const rejected: PutRecordsResultEntry = { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard' };

/** Stream records 100, 200, … as the publisher sent them, entry i being record (i+1)×100. */
const sent = (count: number): string[] => Array.from({ length: count }, (_, i) => String((i + 1) * 100));

describe('publisher batchItemFailures: PutRecords results → the stream records Lambda retries from', () => {
  it('reports nothing when every entry was put', () => {
    expect(batchItemFailures(sent(3), [put(1), put(2), put(3)])).toEqual([]);
  });

  it('reports nothing for an empty batch', () => {
    expect(batchItemFailures([], [])).toEqual([]);
  });

  it.each([
    ['the first entry', [rejected, put(2), put(3), put(4)], '100'],
    ['an entry in the middle', [put(1), rejected, put(3), put(4)], '200'],
    ['the last entry', [put(1), put(2), put(3), rejected], '400'],
    ['several entries: the first of them', [put(1), rejected, put(3), rejected], '200'],
    ['every entry: the first', [rejected, rejected, rejected, rejected], '100'],
  ])('a rejected %s is reported by its stream record', (_, results, expected) => {
    expect(batchItemFailures(sent(4), results)).toEqual([{ itemIdentifier: expected }]);
  });

  it('later records of the same aggregate that were put are not reported: Lambda redelivers everything from the checkpoint anyway', () => {
    // Prepare: a#1, b#1, a#2 sent; a#1 rejected, b#1 and a#2 put (a#2 overtook a#1 in Kinesis)
    const records = ['100', '200', '300'];

    // Act
    const failures = batchItemFailures(records, [rejected, put(2), put(3)]);

    // Assess: one checkpoint at a#1; the retry puts a#1, then b#1 and a#2 again, in order
    expect(failures).toEqual([{ itemIdentifier: '100' }]);
  });

  it('an entry without a result, or a result without a Kinesis sequence number, counts as not put', () => {
    expect(batchItemFailures(sent(3), [put(1), put(2)])).toEqual([{ itemIdentifier: '300' }]);
    expect(batchItemFailures(sent(3), [put(1), {}, put(3)])).toEqual([{ itemIdentifier: '200' }]);
  });
});
