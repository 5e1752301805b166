import { describe, expect, it } from 'vitest';
import { readBody, readText, RequestTooLargeError } from './body.ts';

/** A request whose body is `chunks` chunks of `size` bytes, streamed without a Content-Length; counts what was pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === chunks) return controller.close();
      pulled.chunks++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  return { pulled, request: new Request('http://local/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit) };
}

describe('readBody', () => {
  it('returns a body within the cap whole', async () => {
    const { request } = streamed(4, 1000);
    expect((await readBody(request, 4000)).byteLength).toBe(4000);
    expect(await readText(new Request('http://local/', { method: 'POST', body: 'héllo' }), 6)).toBe('héllo');
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    const { pulled, request } = streamed(10, 1000, { 'content-length': '10000' });
    await expect(readBody(request, 5000)).rejects.toMatchObject({ code: 'RequestEntityTooLarge', statusCode: 413, limit: 5000 });
    // (A stream pulls its first chunk ahead on its own; nothing beyond that was read.)
    expect(pulled.chunks).toBeLessThanOrEqual(1);
  });

  it('stops reading at the first chunk past the cap: an endless body is refused, not buffered', async () => {
    const { pulled, request } = streamed(Number.POSITIVE_INFINITY, 64 * 1024);
    await expect(readBody(request, 1_048_576)).rejects.toBeInstanceOf(RequestTooLargeError);
    // 16 chunks fill the cap; the 17th crosses it (the stream may have queued one more ahead).
    expect(pulled.chunks).toBeLessThanOrEqual(18);
  });

  it('throws what `tooLarge` makes', async () => {
    const { request } = streamed(3, 10);
    await expect(readBody(request, 20, { tooLarge: (limit) => new RangeError(`over ${limit}`) })).rejects.toThrow('over 20');
  });

  it('reads an absent body as empty', async () => {
    expect((await readBody(new Request('http://local/'), 0)).byteLength).toBe(0);
  });
});
