import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { acceptedCount } from './accepted.ts';

const put = (n: number): PutRecordsResultEntry => ({ SequenceNumber: `4960${n}`, ShardId: 'shardId-000000000000' });
const rejected: PutRecordsResultEntry = { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard' };

describe('publisher acceptedCount: PutRecords results → how many entries, from the first, were put', () => {
  it('counts every entry when every entry was put', () => {
    expect(acceptedCount(3, [put(1), put(2), put(3)])).toBe(3);
  });

  it('counts nothing for an empty batch', () => {
    expect(acceptedCount(0, [])).toBe(0);
  });

  it.each([
    ['the first entry', [rejected, put(2), put(3), put(4)], 0],
    ['an entry in the middle', [put(1), rejected, put(3), put(4)], 1],
    ['the last entry', [put(1), put(2), put(3), rejected], 3],
    ['several entries: the first of them', [put(1), rejected, put(3), rejected], 1],
    ['every entry: the first', [rejected, rejected, rejected, rejected], 0],
  ])('stops before a rejected %s', (_, results, expected) => {
    expect(acceptedCount(4, results)).toBe(expected);
  });

  it('later records of the same aggregate that were put do not count: Lambda redelivers everything from the failed one', () => {
    // Prepare: a#1, b#1, a#2 sent; a#1 rejected, b#1 and a#2 put (a#2 overtook a#1 in Kinesis)
    const results = [rejected, put(2), put(3)];

    // Act
    const accepted = acceptedCount(3, results);

    // Assess: the retry starts at a#1 and puts a#1, then b#1 and a#2 again, in order
    expect(accepted).toBe(0);
  });

  it('an entry without a result, or a result without a Kinesis sequence number, counts as not put', () => {
    expect(acceptedCount(3, [put(1), put(2)])).toBe(2);
    expect(acceptedCount(3, [put(1), {}, put(3)])).toBe(1);
  });
});
