import { describe, expect, it } from 'vitest';
import { batchEntries } from './splitRequest.ts';

const contacts = (count: number) => Array.from({ length: count }, (_, n) => ({ first_name: `F${n}`, last_name: `L${n}`, company_domain: 'd.example' }));

describe('batchEntries', () => {
  it.each([
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [250, [100, 100, 50]],
  ])('puts %i contacts in batches of %j', (count, sizes) => {
    const entries = batchEntries('req', contacts(count));
    expect(entries.map((entry) => JSON.parse(entry.MessageBody!).contacts.length)).toEqual(sizes);
  });

  it('names each entry <requestId>-<batchIndex> and keeps the contacts in order', () => {
    // Act
    const entries = batchEntries('4d1a3cbe', contacts(201));

    // Assess
    expect(entries.map((entry) => entry.Id)).toEqual(['4d1a3cbe-0', '4d1a3cbe-1', '4d1a3cbe-2']);
    const messages = entries.map((entry) => JSON.parse(entry.MessageBody!));
    expect(messages.map((m) => [m.requestId, m.batchIndex])).toEqual([['4d1a3cbe', 0], ['4d1a3cbe', 1], ['4d1a3cbe', 2]]);
    expect(messages.flatMap((m) => m.contacts)).toEqual(contacts(201));
  });
});
