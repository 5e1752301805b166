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
  const body = Readable.from(outputChunks(storage, requestId, totalBatches, options.prefetch ?? 8));
  const upload = new Upload({ client: storage.client, params: { Bucket: storage.bucket, Key: outputKey(requestId), Body: body, ContentType: 'application/json' } });
  try {
    await upload.done();
  } catch (error) {
    // lib-storage has already aborted the multipart upload; stop reading parts for it too.
    body.destroy();
    throw error;
  }
}

/** The one read `outputChunks` makes of a part (the `Storage` port, narrowed). */
export type PartReader = Pick<Storage, 'getJson'>;

/** The output document in chunks: the opening, one chunk per part, the closing. */
export async function* outputChunks(storage: PartReader, requestId: string, totalBatches: number, prefetch: number): AsyncGenerator<Buffer> {
  yield Buffer.from('{"enriched_contacts":[');
  const reads = new Map<number, Promise<unknown>>();
  const read = (index: number) => {
    if (index >= totalBatches || reads.has(index)) return;
    const pending = storage.getJson(partKey(requestId, index));
    // A parked read may fail before its turn (or never get one, when an earlier part fails): the
    // no-op handler keeps that from being an unhandled rejection, which would crash the worker.
    // The await below still sees the rejection.
    pending.catch(() => undefined);
    reads.set(index, pending);
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
