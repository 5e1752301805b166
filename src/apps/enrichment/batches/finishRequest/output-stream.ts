import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { outputKey, partKey } from '../../shared/keys.ts';
import type { Storage } from '../../shared/storage.ts';

export interface AssembleOptions {
  /** Part objects fetched ahead of the one being written. Default 8. */
  prefetch?: number;
}

/**
 * Writes `<requestId>/output.json` = `{"enriched_contacts":[...]}` from the part objects in batch
 * order, streaming: parts are read a few at a time into a multipart upload, so a 100k-contact output
 * is never one string in memory.
 */
export async function assembleOutput(storage: Storage, requestId: string, totalBatches: number, options: AssembleOptions = {}): Promise<void> {
  const upload = new Upload({
    client: storage.client,
    params: { Bucket: storage.bucket, Key: outputKey(requestId), Body: Readable.from(outputChunks(storage, requestId, totalBatches, options.prefetch ?? 8)), ContentType: 'application/json' },
  });
  await upload.done();
}

/** The output document in chunks: the opening, one chunk per part, the closing. */
export async function* outputChunks(storage: Storage, requestId: string, totalBatches: number, prefetch: number): AsyncGenerator<Buffer> {
  yield Buffer.from('{"enriched_contacts":[');
  const reads = new Map<number, Promise<unknown>>();
  const read = (index: number) => {
    if (index < totalBatches && !reads.has(index)) reads.set(index, storage.getJson(partKey(requestId, index)));
  };
  for (let index = 0; index < totalBatches; index++) {
    for (let ahead = index; ahead < index + prefetch; ahead++) read(ahead);
    const part = await reads.get(index)!;
    reads.delete(index);
    if (!Array.isArray(part)) throw new Error(`part ${index} of ${requestId} is not a JSON array`);
    const items = part.map((contact) => JSON.stringify(contact)).join(',');
    yield Buffer.from(index > 0 && items !== '' ? `,${items}` : items);
  }
  yield Buffer.from(']}');
}
