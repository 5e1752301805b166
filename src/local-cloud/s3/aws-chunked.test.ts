import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder } from './aws-chunked.ts';

const framed = '6\r\nhello \r\n5;chunk-signature=abc\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

async function decode(pieces: string[]): Promise<string> {
  return (await buffer(Readable.from(pieces.map((p) => Buffer.from(p))).pipe(new AwsChunkedDecoder()))).toString();
}

describe('AwsChunkedDecoder', () => {
  it('strips the framing, signatures and trailers', async () => {
    expect(await decode([framed])).toBe('hello world');
  });

  it('decodes whatever way the bytes are split', async () => {
    for (let cut = 1; cut < framed.length; cut++) {
      expect(await decode([framed.slice(0, cut), framed.slice(cut)])).toBe('hello world');
    }
    expect(await decode([...framed])).toBe('hello world');
  });

  it('fails on a body cut before its last chunk', async () => {
    await expect(decode(['6\r\nhello '])).rejects.toThrow(/ended before/);
  });
});
