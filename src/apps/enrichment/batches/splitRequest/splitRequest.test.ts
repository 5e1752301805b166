import { describe, expect, it } from 'vitest';
import { AWS_LIMITS, utf8Bytes } from '../../../../platform/limits.ts';
import { BATCH_SIZE } from '../../shared/batching.ts';
import { contactSchema, DOMAIN_MAX_BYTES, NAME_MAX_BYTES } from '../../shared/contacts.ts';
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

describe('batch messages fit SQS (issue 15, F5)', () => {
  it('a batch of 100 contacts of the largest size, every byte escaped in JSON, stays within a 1 MiB message', () => {
    // Prepare: control characters are the worst case: each byte becomes `\u0000` (6 bytes) in JSON.
    const worst = { first_name: '\u0001'.repeat(NAME_MAX_BYTES), last_name: '\u0001'.repeat(NAME_MAX_BYTES), company_domain: '\u0001'.repeat(DOMAIN_MAX_BYTES) };
    expect(contactSchema.safeParse(worst).success).toBe(true);

    // Act
    const entries = batchEntries('4d1a3cbe-0000-4000-8000-000000000000', Array(BATCH_SIZE).fill(worst));

    // Assess
    expect(utf8Bytes(entries[0]!.MessageBody!)).toBeLessThanOrEqual(AWS_LIMITS.sqsBatchBytes);
  });
});
