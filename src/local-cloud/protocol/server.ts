import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A raw Node handler served before the Hono app (S3's Koa handler): it answers the requests `handles` accepts. */
export interface RawHandler {
  handles(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Headers about one connection: a proxy must not forward them, and HTTP/2 refuses them outright. */
export const HOP_BY_HOP_HEADERS: readonly string[] = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

/** What a client speaking HTTP/2 over cleartext with prior knowledge sends first (`PRI * HTTP/2.0…`). */
const HTTP2_PREFACE_START = 'PRI ';

/**
 * Serves a Hono app on 127.0.0.1 (loopback only); port 0 picks a free one. One port speaks HTTP/1.1
 * and cleartext HTTP/2: some SDK clients (the Kinesis client) default to an HTTP/2 handler, so
 * each connection goes to the HTTP/1.1 or the HTTP/2 server by its first bytes.
 */
export function listen(app: Hono, port = 0, host = '127.0.0.1', raw?: RawHandler, options: ListenOptions = {}): Promise<RunningServer> {
  const honoListener = getRequestListener(app.fetch, { hostname: host });
  const allowed = hostFilter(host, options.allowedHosts ?? []);
  const http1 = createHttp1Server((req, res) => {
    if (!allowed(req.headers.host)) return refuseHost(res, req.headers.host!);
    if (raw?.handles(req)) return raw.handle(req, res);
    void honoListener(req, res);
  });
  const http2 = createHttp2Server((req, res) => {
    const authority = req.headers[':authority'] ?? req.headers.host;
    if (!allowed(authority)) return refuseHost(res as unknown as ServerResponse, authority!);
    // Node throws (and would take the cloud down) on an HTTP/1 connection header in an HTTP/2 response.
    const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => unknown;
    (res as unknown as { writeHead: typeof writeHead }).writeHead = (status, ...rest) => writeHead(status, ...rest.map(withoutHopByHop));
    void honoListener(req, res);
  });
  const sockets = new Set<Socket>();
  // Whatever a peer does to a connection (a reset before its first byte, a port scanner, an aborted
  // upload) fails that connection only: an `error` event without a listener would end the process.
  http2.on('sessionError', () => undefined);
  const server = createTcpServer((socket) => {
    socket.on('error', () => socket.destroy());
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (chunk) => {
      socket.pause();
      socket.unshift(chunk);
      const http2Preface = chunk.subarray(0, HTTP2_PREFACE_START.length).toString('latin1') === HTTP2_PREFACE_START.slice(0, Math.min(chunk.length, HTTP2_PREFACE_START.length));
      (http2Preface ? http2 : http1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

export interface ListenOptions {
  /** Host names accepted besides the loopback names (`127.0.0.1`, `localhost`, `*.localhost`, `[::1]`). */
  allowedHosts?: readonly string[];
}

/**
 * Whether a request's Host names this server: a web page the developer has open cannot reach the
 * local AWS endpoint through DNS rebinding, which sends the attacker's host name. A request without
 * Host (HTTP/1.0) is not a browser's.
 */
export function hostFilter(bound: string, extra: readonly string[]): (host: string | undefined) => boolean {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bound.toLowerCase(), ...extra.map((name) => name.toLowerCase())]);
  return (host) => {
    if (host === undefined || host === '') return true;
    const name = host.toLowerCase().replace(/:\d+$/, '');
    return names.has(name) || name.endsWith('.localhost');
  };
}

function refuseHost(res: ServerResponse, host: string): void {
  const body = `eventloom: requests for host "${host}" are refused (DNS rebinding protection). Use 127.0.0.1 or localhost, or start the cloud with --allow-host ${host.replace(/:\d+$/, '')}.\n`;
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function withoutHopByHop(headers: unknown): unknown {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP_HEADERS.includes(name.toLowerCase())));
}
