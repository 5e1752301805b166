import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, type Writable } from 'node:stream';

/**
 * Whether the body uses `aws-chunked` framing (SDKs stream a body of unknown checksum that way,
 * with the checksum in a trailer), which s3rver would store verbatim.
 */
export function isAwsChunked(req: IncomingMessage): boolean {
  const sha = req.headers['x-amz-content-sha256'];
  const encoding = req.headers['content-encoding'] ?? '';
  return (typeof sha === 'string' && sha.startsWith('STREAMING-')) || encoding.split(',').some((e) => e.trim() === 'aws-chunked');
}

/**
 * The request with its `aws-chunked` body decoded to the object bytes, and the headers S3 would see:
 * the decoded length, `aws-chunked` removed from Content-Encoding.
 */
export function decodeAwsChunked(req: IncomingMessage): IncomingMessage {
  const headers = { ...req.headers };
  const encoding = (headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'aws-chunked')
    .join(', ');
  if (encoding) headers['content-encoding'] = encoding;
  else delete headers['content-encoding'];
  const decodedLength = headers['x-amz-decoded-content-length'];
  if (typeof decodedLength === 'string') headers['content-length'] = decodedLength;
  delete headers['transfer-encoding'];
  const decoded = new AwsChunkedDecoder();
  req.on('error', (error) => decoded.destroy(error));
  req.pipe(decoded);
  // Koa and s3rver read these request properties; the body comes from the decoder.
  return Object.assign(decoded, {
    headers,
    rawHeaders: Object.entries(headers).flatMap(([name, value]) => [name, String(value)]),
    url: req.url,
    method: req.method,
    socket: req.socket,
    connection: req.socket,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
  }) as unknown as IncomingMessage;
}

/**
 * Strips `aws-chunked` framing: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailers>\r\n\r\n`.
 * A decode failure (or the request's) also fails what the decoder is piped into, as `pipeline` would:
 * s3rver `pipe`s the body into its file writer and would otherwise wait for it forever.
 */
export class AwsChunkedDecoder extends Transform {
  private readonly destinations = new Set<Writable>();
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes left in the current chunk's data (then its `\r\n`); undefined while reading a size line. */
  private remaining: number | undefined;
  private done = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    const writable = destination as unknown as Writable;
    if (this.errored) writable.destroy(this.errored);
    else this.destinations.add(writable);
    return super.pipe(destination, options);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (error) for (const destination of this.destinations) destination.destroy(error);
    this.destinations.clear();
    callback(error);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.done ? null : new Error('aws-chunked body ended before its final 0-size chunk'));
  }

  private drain(): void {
    while (!this.done) {
      if (this.remaining === undefined) {
        const end = this.buffer.indexOf('\r\n');
        if (end === -1) return;
        const size = Number.parseInt(this.buffer.subarray(0, end).toString('latin1').split(';')[0]!, 16);
        if (Number.isNaN(size)) throw new Error('malformed aws-chunked size line');
        this.buffer = this.buffer.subarray(end + 2);
        if (size === 0) {
          this.done = true; // trailers (the checksum) follow; the local store does not verify them
          return;
        }
        this.remaining = size;
      }
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, this.buffer.length);
        if (take === 0) return;
        this.push(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.remaining -= take;
      }
      if (this.remaining === 0) {
        if (this.buffer.length < 2) return;
        this.buffer = this.buffer.subarray(2);
        this.remaining = undefined;
      }
    }
  }
}
