import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AppDef } from '../../src/platform/topology/types.ts';

const fixture = (name: string) => `${fileURLToPath(new URL(`../fixtures/functions/${name}`, import.meta.url))}#handler`;

/** A queue, a bus rule, a function that answers `null` and an HTTP API in front of it: a target for every capped endpoint. */
export function wireApp(name: string): AppDef {
  return {
    name,
    buses: { bus: {} },
    queues: { q: {} },
    rules: { all: { bus: 'bus', eventPattern: { source: [{ prefix: '' }] }, targets: [{ queue: 'q' }] } },
    functions: { noop: { handler: fixture('noop.ts') } },
    httpApis: { api: { routes: [{ route: 'POST /echo', function: 'noop' }] } },
  };
}

export interface StreamedAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * POSTs `totalBytes` in 64 KiB chunks, chunked (no Content-Length) unless `declareLength`, and then
 * keeps the body open (never ends it) unless `end`: the answer can only come from a server that
 * refuses a body by counting it as it streams in, not one that reads it to the end first.
 */
export function postStreaming(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  options: { declareLength?: boolean; end?: boolean; timeoutMs?: number } = {},
): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, ...(options.declareLength && { 'content-length': String(totalBytes) }) } }, (res) => {
      answered = true;
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      res.on('data', (data: Buffer) => chunks.push(data));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${options.timeoutMs ?? 20_000} ms after writing ${written} bytes`));
    }, options.timeoutMs ?? 20_000);
    req.on('error', (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    const pump = (): void => {
      while (!answered && written < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - written));
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered && options.end) req.end();
    };
    pump();
  });
}
