import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** Serves a Hono app on 127.0.0.1 (loopback only); port 0 picks a free one. */
export function listen(app: Hono, port = 0, host = '127.0.0.1', raw?: RawHandler): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const withRaw: typeof createServer = ((options: object, honoListener: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer(options, (req, res) => (raw?.handles(req) ? raw.handle(req, res) : honoListener(req, res)))) as typeof createServer;
    const server: ServerType = serve({ fetch: app.fetch, port, hostname: host, createServer: withRaw }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', onError);
  });
}
