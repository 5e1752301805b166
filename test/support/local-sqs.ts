import { SQSClient } from '@aws-sdk/client-sqs';
import { Hono } from 'hono';
import { handleAwsJson, handleAwsQuery, isAwsQueryRequest, listen, type RunningServer } from '../../src/local-cloud/protocol/index.ts';
import { createSqsApi, createSqsQueryApi, SqsService } from '../../src/local-cloud/sqs/index.ts';
import { openStateDb } from '../../src/local-cloud/state/db.ts';
import { testCredentials } from './cloud.ts';

export interface LocalSqs {
  readonly server: RunningServer;
  readonly service: SqsService;
  /** The real SDK client pointed at the endpoint. */
  readonly client: SQSClient;
  stop(): Promise<void>;
}

/** The SQS endpoint alone (AWS JSON, and awsQuery at any path), over a state database (`:memory:` by default), for contract tests. */
export async function startLocalSqs(stateFile = ':memory:'): Promise<LocalSqs> {
  let endpoint = '';
  const db = openStateDb(stateFile);
  const service = new SqsService({ db, endpoint: () => endpoint });
  const api = createSqsApi(service);
  const queryApi = createSqsQueryApi(service);
  const app = new Hono();
  app.on(['GET', 'POST'], '*', (c) => (isAwsQueryRequest(c.req.raw) ? handleAwsQuery([queryApi], c.req.raw) : handleAwsJson(api, c.req.raw)));
  const server = await listen(app);
  endpoint = server.url;
  const client = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: testCredentials });
  return {
    server,
    service,
    client,
    stop: async () => {
      client.destroy();
      service.close();
      await server.close();
      if (db.open) db.close();
    },
  };
}
