import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partKey } from '../../shared/keys.ts';
import { outputChunks, type PartReader } from './output-stream.ts';

const REQUEST = 'req-1';

/** Parts held in memory; every read waits until the test releases it (in any order). */
function heldParts(parts: Record<number, unknown[] | undefined>) {
  const requested: string[] = [];
  const pending = new Map<string, () => void>();
  const reader: PartReader = {
    getJson: (key) =>
      new Promise((resolve, reject) => {
        requested.push(key);
        pending.set(key, () => {
          const index = Number(key.split('/').at(-1)!.replace(/\D/g, ''));
          const part = parts[index];
          if (part === undefined) reject(new Error(`${key} does not exist`));
          else resolve(part);
        });
      }),
  };
  const release = (index: number) => {
    const key = partKey(REQUEST, index);
    pending.get(key)!();
    pending.delete(key);
  };
  return { reader, requested, release, releaseAll: () => [...pending.keys()].forEach((key) => { pending.get(key)!(); pending.delete(key); }) };
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
const contact = (n: number) => ({ last_name: `L${n}` });

/** Collects the unhandled rejections of the process while a test runs. */
let unhandled: unknown[];
const record = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('outputChunks', () => {
  it('writes the parts in batch order whatever order their reads finish in, skipping commas for empty parts', async () => {
    // Prepare: part 2 is empty
    const { reader, release } = heldParts({ 0: [contact(0), contact(1)], 1: [contact(2)], 2: [], 3: [contact(3)] });
    const chunks: Buffer[] = [];
    const consume = (async () => {
      for await (const chunk of outputChunks(reader, REQUEST, 4, 4)) chunks.push(chunk);
    })();

    // Act: the reads finish last to first
    await nextTurn();
    for (const index of [3, 2, 1, 0]) release(index);
    await consume;

    // Assess
    expect(JSON.parse(text(chunks))).toEqual({ enriched_contacts: [0, 1, 2, 3].map(contact) });
    expect(chunks).toHaveLength(6);
  });

  it('writes an empty list for no parts', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of outputChunks(heldParts({}).reader, REQUEST, 0, 8)) chunks.push(chunk);
    expect(text(chunks)).toBe('{"enriched_contacts":[]}');
  });

  it('streams: yields a part before reading further ahead than the prefetch', async () => {
    // Prepare
    const { reader, requested, release } = heldParts(Object.fromEntries(Array.from({ length: 10 }, (_, n) => [n, [contact(n)]])));
    const chunks = outputChunks(reader, REQUEST, 10, 2);

    // Act: the opening, then part 0
    await chunks.next();
    const first = chunks.next();
    await nextTurn();
    release(0);
    const part0 = await first;

    // Assess
    expect(part0.value?.toString()).toBe(JSON.stringify(contact(0)));
    expect(requested).toEqual([partKey(REQUEST, 0), partKey(REQUEST, 1)]);
    await chunks.return(undefined);
  });

  it('fails on a missing part without leaving the failed reads parked ahead of it unhandled', async () => {
    // Prepare: parts 1 and 3 are missing; 3 fails first, while 0 is still being read, and is never awaited
    const { reader, release, releaseAll } = heldParts({ 0: [contact(0)], 2: [contact(2)], 4: [contact(4)] });
    const consume = (async () => {
      for await (const chunk of outputChunks(reader, REQUEST, 5, 8)) void chunk;
    })();
    await nextTurn();

    // Act
    release(3);
    await nextTurn();
    release(0);
    releaseAll();

    // Assess
    await expect(consume).rejects.toThrow(`${partKey(REQUEST, 1)} does not exist`);
    await nextTurn();
    await nextTurn();
    expect(unhandled).toEqual([]);
  });
});
