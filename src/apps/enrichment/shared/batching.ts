/** Contacts per batch message (the reference's chunk size). */
export const BATCH_SIZE = 100;

export const batchCount = (items: number, size = BATCH_SIZE): number => Math.ceil(items / size);

/** Consecutive slices of `size` items, each with its index (the last one may be shorter). */
export function toBatches<T>(items: readonly T[], size = BATCH_SIZE): { index: number; items: T[] }[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  return Array.from({ length: batchCount(items.length, size) }, (_, index) => ({ index, items: items.slice(index * size, (index + 1) * size) }));
}
