import { describe, expect, it } from 'vitest';
import { entrySize, MAX_ENTRY_BYTES } from './models.ts';

describe('entrySize', () => {
  it('sums the UTF-8 bytes of Source, DetailType, Detail and each Resource', () => {
    const entry = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"id":"o-1"}', Resources: ['arn:a', 'arn:bb'] };

    const size = entrySize(entry);

    expect(size).toBe(11 + 11 + 12 + 5 + 6);
  });

  it('adds 14 bytes when Time is given', () => {
    const entry = { Time: new Date('2024-01-01T00:00:00Z'), Source: 's', DetailType: 'd', Detail: '{}' };

    const size = entrySize(entry);

    expect(size).toBe(14 + 1 + 1 + 2);
  });

  it('counts multi-byte characters in bytes, not characters', () => {
    const entry = { Source: 'café', DetailType: 'Größe', Detail: '{"e":"€"}', Resources: ['🚀'] };

    const size = entrySize(entry);

    expect(size).toBe(5 + 7 + 11 + 4);
  });

  it('counts a missing Detail and Resources as nothing', () => {
    expect(entrySize({ Source: 'abc', DetailType: 'de' })).toBe(5);
  });

  it('places a 256 KiB detail over the limit', () => {
    const entry = { Source: 's', DetailType: 'd', Detail: `{"p":"${'x'.repeat(MAX_ENTRY_BYTES)}"}` };

    expect(entrySize(entry)).toBeGreaterThan(MAX_ENTRY_BYTES);
  });
});
