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
  /** Body bytes written before the answer came (or the connection closed). */
  readonly bytesWritten: number;
}

/**
 * POSTs `totalBytes` of `fill` in 64 KiB chunks, chunked (no Content-Length) unless `declareLength`,
 * and resolves with the answer as soon as it arrives, however much of the body was sent: a server
 * that caps by streaming answers long before a too-large body is through.
 */
export function postStreaming(url: string, headers: Record<string, string>, totalBytes: number, options: { declareLength?: boolean; fill?: string } = {}): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? 'a');
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, ...(options.declareLength && { 'content-length': String(totalBytes) }) } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (data: Buffer) => chunks.push(data));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), bytesWritten: written });
      });
      res.on('error', reject);
    });
    // Once the server answered and closed, writes fail with EPIPE/ECONNRESET: expected here.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && written < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - written));
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
