import type { KinesisClient } from '@aws-sdk/client-kinesis';
import kinesalite from 'kinesalite';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKinesisClient } from '../../platform/kinesis.ts';
import { localRegion } from '../identity.ts';

export interface KinesisServer {
  /** `http://127.0.0.1:<port>` of kinesalite's own server (the cloud's main port proxies to it). */
  readonly endpoint: string;
  /** An HTTP/1.1 client on `endpoint`, for provisioning and the event source mappings. */
  readonly client: KinesisClient;
  stop(): Promise<void>;
}

/**
 * Starts kinesalite in-process on a free 127.0.0.1 port: durable in LevelDB under `dataDir`, in
 * memory without one. Stream state changes (create, delete, split) complete at once.
 */
export async function startKinesis(options: { dataDir?: string } = {}): Promise<KinesisServer> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = kinesalite({
    ...(options.dataDir && { path: options.dataDir }),
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 1_000,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // kinesalite closes its LevelDB as soon as the server closes: a GetRecords still reading would then
  // throw an uncaught exception. Count requests in flight so stop() can let them finish first.
  let inFlight = 0;
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createKinesisClient({ endpoint, region: localRegion(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      const deadline = Date.now() + 5_000;
      while (inFlight > 0 && Date.now() < deadline) await sleep(10);
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
