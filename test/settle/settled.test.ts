import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettleTimeoutError, startCloud, type Cloud } from '../../src/index.ts';
import { waitFor } from '../support/wait-for.ts';

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'fixture', 'template.yaml');
const SHIP_RUNNING = /^function settle-Ship-\w+: 1 invocation running$/;

describe('startCloud() and settled() on a template: HTTP → table → stream → pipe → queue → function → table', () => {
  let cloud: Cloud;
  let dynamodb: DynamoDBClient;

  const order = async (id: string, delayMs: number) => {
    const response = await fetch(`${cloud.outputs.ApiUrl}/orders/${id}?delayMs=${delayMs}`, { method: 'POST' });
    expect(response.status).toBe(202);
  };
  const shipment = async (id: string) =>
    (await dynamodb.send(new GetItemCommand({ TableName: cloud.outputs.ShipmentsTable, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
  /** The error of a settled() that times out, or undefined when it settled. */
  const settleError = (timeoutMs: number) => cloud.settled({ timeoutMs }).then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    cloud = await startCloud({ template: TEMPLATE, stackName: 'settle', log: () => undefined });
    dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.env.AWS_REGION!, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }, 120_000);

  afterAll(async () => {
    dynamodb?.destroy();
    await cloud?.stop();
  });

  it('gives the env file, per-service endpoints and the stack outputs, on a free port', () => {
    expect(cloud.endpoints.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cloud.endpoints.url).not.toBe('http://127.0.0.1:4566');
    expect(cloud.env.AWS_ENDPOINT_URL_SQS).toBe(cloud.endpoints.sqs);
    expect(cloud.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(cloud.endpoints.dynamodb);
    expect(cloud.outputs.ApiUrl).toMatch(new RegExp(`^${cloud.endpoints.url}/apis/\\w+$`));
    expect(cloud.stackOutputs.settle?.WorkQueueName).toBe(cloud.outputs.WorkQueueName);
    expect(cloud.env.ShipmentsTable).toBe(cloud.outputs.ShipmentsTable);
  });

  it('resolves only once the end of the chain is written: the shipments are readable at once, without polling', async () => {
    const ids = ['o-1', 'o-2', 'o-3'];
    await Promise.all(ids.map((id) => order(id, 200)));

    await cloud.settled({ timeoutMs: 30_000 });

    for (const id of ids) expect(await shipment(id), id).toBeDefined();
  });

  it("lists the template's pipe in the inspector with what it delivered", async () => {
    const snapshot = (await (await fetch(`${cloud.endpoints.url}/_eventloom/inspect`)).json()) as { pipes: { name: string; delivered: number }[] };
    expect(snapshot.pipes).toEqual([expect.objectContaining({ name: expect.stringMatching(/OrdersToWork/) })]);
    expect(snapshot.pipes[0]!.delivered).toBeGreaterThan(0);
  });

  it('rejects at its timeout naming what is still busy, and resolves once that is done', async () => {
    await order('slow-1', 3_000);

    // Wait for the slow step itself; until then the record may be in the stream, the pipe or the queue.
    const error = await waitFor(
      async () => {
        const settleFailure = await settleError(100);
        expect(settleFailure).toBeInstanceOf(SettleTimeoutError);
        expect((settleFailure as SettleTimeoutError).busy).toEqual(expect.arrayContaining([expect.stringMatching(SHIP_RUNNING)]));
        return settleFailure as SettleTimeoutError;
      },
      { timeoutMs: 20_000, description: 'settled() to name the running invocation' },
    );

    expect(error.busy).toContain(`queue ${cloud.outputs.WorkQueueName}: 1 in flight`);
    expect(error.message).toMatch(/^The local cloud did not settle within 100 ms; still busy: /);
    expect(error.message).toContain(`queue ${cloud.outputs.WorkQueueName}: 1 in flight`);
    expect(await shipment('slow-1')).toBeUndefined();
    await cloud.settled({ timeoutMs: 30_000 });
    expect(await shipment('slow-1')).toBeDefined();
  });

  it('GET /_eventloom/settled: 200 when quiet, 408 with the busy list at the timeout, 400 naming a bad timeoutMs', async () => {
    const settledAt = (query: string) => fetch(`${cloud.endpoints.settled}${query}`);

    const invalid = await settledAt('?timeoutMs=soon');
    const negative = await settledAt('?timeoutMs=-1');
    await order('slow-2', 3_000);
    const busy = await waitFor(
      async () => {
        const response = await settledAt('?timeoutMs=50');
        expect(response.status).toBe(408);
        const body = (await response.json()) as { settled: boolean; busy: string[]; message: string };
        expect(body.busy).toEqual(expect.arrayContaining([expect.stringMatching(SHIP_RUNNING)]));
        return body;
      },
      { timeoutMs: 20_000, description: 'the endpoint to name the running invocation' },
    );
    const quiet = await settledAt('?timeoutMs=30000');

    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toContain('timeoutMs');
    expect(negative.status).toBe(400);
    expect(busy.settled).toBe(false);
    expect(busy.message).toContain('did not settle within 50 ms');
    expect(quiet.status).toBe(200);
    expect(await quiet.json()).toMatchObject({ settled: true });
    expect(await shipment('slow-2')).toBeDefined();
  });
});
