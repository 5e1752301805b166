/**
 * Orders two sequence numbers of one shard. DynamoDB Streams and Kinesis sequence numbers are
 * decimal strings of varying length (possibly zero-padded), so they compare as numbers, not as text.
 */
export function compareSequence(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Index of the first record whose sequence number is greater than `after` (records in stream order). */
export function firstAfter<R>(records: readonly R[], after: string, sequenceOf: (record: R) => string): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareSequence(sequenceOf(records[mid]!), after) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
