import type { KinesisClient } from '@aws-sdk/client-kinesis';
import kinesalite from 'kinesalite';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createKinesisClient({ endpoint, region: localRegion(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint,
    client,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        client.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
