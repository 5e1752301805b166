import { constraintViolation } from './errors.ts';
import { decodePageToken, encodePageToken } from './tokens.ts';

export type SortKey = readonly (string | number)[];

/**
 * One page of an already sorted listing: the items after the token's position, at most `limit`,
 * and a token when more follow. Positions are sort keys, not offsets, so an item added or removed
 * between calls neither repeats nor skips another.
 */
export function pageOf<T>(sorted: readonly T[], keyOf: (item: T) => SortKey, descending: boolean, limit: number, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodePageToken(nextToken);
    start = sorted.findIndex((item) => compareSortKeys(keyOf(item), after) * (descending ? -1 : 1) > 0);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  return start + limit < sorted.length && last !== undefined ? { items, nextToken: encodePageToken(keyOf(last)) } : { items };
}

export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index] ?? '';
    const right = b[index] ?? '';
    if (left < right) return -1;
    if (left > right) return 1;
  }
  return 0;
}

/** `limit` within AWS's range, or its default when absent. */
export function limitIn(value: number | undefined, max: number, fallback = max): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw constraintViolation('limit', value, `Member must have value ${value < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`);
  }
  return value;
}
