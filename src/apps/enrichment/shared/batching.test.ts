import { describe, expect, it } from 'vitest';
import { batchCount, toBatches } from './batching.ts';

describe('toBatches', () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

  it.each([
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [1_000, Array(10).fill(100)],
    [100_001, [...Array(1_000).fill(100), 1]],
  ])('splits %i items into batches of 100', (items, sizes) => {
    const batches = toBatches(numbers(items));
    expect(batches.map((b) => b.items.length)).toEqual(sizes);
    expect(batches.map((b) => b.index)).toEqual(sizes.map((_, i) => i));
    expect(batches.flatMap((b) => b.items)).toEqual(numbers(items));
    expect(batchCount(items)).toBe(sizes.length);
  });

  it('gives no batch for no items and rejects a bad size', () => {
    expect(toBatches([])).toEqual([]);
    expect(() => toBatches([1], 0)).toThrow(RangeError);
  });
});
