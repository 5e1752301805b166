import { describe, expect, it } from 'vitest';
import { outputItems } from './output-items.ts';

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

const collect = async (chunks: AsyncIterable<Uint8Array | string>) => {
  const items: Record<string, unknown>[] = [];
  for await (const item of outputItems(chunks)) items.push(item);
  return items;
};

const contacts = [
  { first_name: 'Zoë', last_name: 'O"Brien {x}', company_domain: 'a.example', personal_phone: '+1 [555]' },
  { first_name: 'B\\', last_name: 'é,}', company_domain: 'b.example' },
  { first_name: 'C', last_name: 'D', company_domain: 'c.example' },
];
const document = JSON.stringify({ enriched_contacts: contacts });

describe('outputItems', () => {
  it.each([1, 2, 7, 1000])('yields each contact in order, whatever the chunk size (%i bytes), multi-byte characters and JSON punctuation in strings included', async (size) => {
    expect(await collect(chunked(document, size))).toEqual(contacts);
  });

  it('yields nothing for an empty list', async () => {
    expect(await collect(chunked('{"enriched_contacts":[]}', 5))).toEqual([]);
  });

  it.each([
    ['a truncated document', document.slice(0, -3)],
    ['a document that is a list', '[{"a":1}]'],
    ['a list of strings', '{"enriched_contacts":["x"]}'],
    ['a list of numbers', '{"enriched_contacts":[1]}'],
  ])('refuses %s', async (_, text) => {
    await expect(collect(chunked(text, 4))).rejects.toThrow(/output\.json/);
  });
});
