import type { MiddlewareHandler } from 'hono';
import { AwsServiceError } from './errors.ts';

/**
 * The error a request body over its cap raises: an AwsServiceError (413, sender fault), so each
 * protocol's error step answers it in its own shape. `code` defaults to `RequestEntityTooLarge`, the
 * name AWS's front ends give a 413; Lambda passes its own `RequestTooLargeException`.
 */
export class RequestTooLargeError extends AwsServiceError {
  readonly limit: number;

  constructor(limit: number, message = `Request must be smaller than ${limit} bytes.`, code = 'RequestEntityTooLarge') {
    super(code, message, { statusCode: 413 });
    this.limit = limit;
  }
}

export interface ReadBodyOptions {
  /** What to throw beyond the cap; default a RequestTooLargeError naming the cap. */
  tooLarge?: (limit: number) => Error;
}

/**
 * Reads a request body of at most `limit` bytes. A declared `Content-Length` over the cap is refused
 * before a byte is read; otherwise the body is counted as it streams in and reading stops at the
 * first chunk past the cap, so no body is ever held beyond it. (The unread rest is drained and the
 * connection closed by the HTTP adapter after the 413 is sent.)
 *
 * @example
 * const bytes = await readBody(request, 1_048_576); // throws RequestTooLargeError (413) beyond 1 MiB
 */
export async function readBody(request: Request, limit: number, options: ReadBodyOptions = {}): Promise<Uint8Array> {
  const tooLarge = options.tooLarge ?? ((cap: number) => new RequestTooLargeError(cap));
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop pulling: what the peer still sends is drained (not kept) once the answer is written.
      void reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** `readBody` as UTF-8 text (invalid sequences become U+FFFD, as `Request.text()` does). */
export async function readText(request: Request, limit: number, options: ReadBodyOptions = {}): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limit, options));
}

/**
 * Hono middleware: a body refused for its size (413) may still be arriving, so the connection is
 * closed after the answer instead of being kept alive while the rest is drained.
 */
export const closeAfterRefusedBody: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status !== 413) return;
  try {
    c.res.headers.set('connection', 'close');
  } catch {
    // a response with immutable headers keeps its connection; the HTTP adapter drains the rest
  }
};
