import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { parseDdbClientArgs, type DdbClientConfig } from '../../src/apps/ddb-client/config.ts';
import { ConnectionError, TableNotFoundError } from '../../src/apps/ddb-client/errors.ts';
import { runDdbClient } from '../../src/apps/ddb-client/run.ts';
import { dynamoDbClient } from '../support/cloud.ts';
import { createTableWithoutGsi, uniqueTableName } from '../support/ddb-client/operation-context.ts';

let client: DynamoDBClient;
const tables: string[] = [];

function config(table: string, ...args: string[]): DdbClientConfig {
  const parsed = parseDdbClientArgs(['--table', table, '--seed', '7', '--interval-ms', '0', ...args], { AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint') });
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

async function run(cfg: DdbClientConfig, signal = new AbortController().signal) {
  const lines: string[] = [];
  const summary = await runDdbClient(cfg, { signal, write: (line) => lines.push(line) });
  return { summary, lines };
}

beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  client = dynamoDbClient(inject('dynamoDbEndpoint'));
});

afterAll(async () => {
  await Promise.all(tables.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  client.destroy();
  vi.unstubAllEnvs();
});

const newTable = (prefix: string) => {
  const name = uniqueTableName(prefix);
  tables.push(name);
  return name;
};

describe('demo mode', () => {
  it('runs random operations, each printed with its consumed capacity, until MAX_OPERATIONS successes, then the summary', async () => {
    const { summary, lines } = await run(config(newTable('ddbc-demo'), '--create-table', '--max-operations', '20'));

    const operationLines = lines.filter((line) => line.startsWith('#'));
    expect(operationLines).toHaveLength(20);
    expect(operationLines.every((line) => /^#\d+ .+ (ok|warn) +[\d.]+ ms {2}capacity \d+\.\d/.test(line))).toBe(true);
    expect(new Set(summary.operations.map((o) => o.operation)).size).toBeGreaterThanOrEqual(5);
    expect(summary).toMatchObject({ mode: 'demo', stoppedBy: 'max-operations', total: { count: 20, succeeded: 20, failed: 0 } });
    expect(summary.total.capacity).toBeGreaterThan(0);
    expect(lines).toContain('Completed 20 operations');
    expect(lines.some((line) => line.startsWith('Summary: demo mode'))).toBe(true);
    expect(lines.filter((line) => line.startsWith('— after '))).toHaveLength(2);
  });

  it('counts only successful operations towards MAX_OPERATIONS', async () => {
    const table = newTable('ddbc-nogsi');
    await createTableWithoutGsi(client, table);

    const { summary, lines } = await run(config(table, '--operations', 'put,query', '--max-operations', '5'));

    const query = summary.operations.find((o) => o.operation === 'query')!;
    expect(query.failed).toBeGreaterThan(0);
    expect(query.succeeded).toBe(0);
    expect(summary.total).toMatchObject({ succeeded: 5, failed: query.failed, count: 5 + query.failed });
    expect(lines.some((line) => /QUERY +FAILED .*Error in operation cycle: ValidationException/.test(line))).toBe(true);
  });

  it('stops after the running operation when the signal aborts', async () => {
    const stop = new AbortController();
    const lines: string[] = [];
    const cfg = config(newTable('ddbc-stop'), '--create-table');
    const summary = await runDdbClient(cfg, {
      signal: stop.signal,
      write: (line) => {
        lines.push(line);
        if (lines.filter((l) => l.startsWith('#')).length === 3) stop.abort();
      },
    });

    expect(summary).toMatchObject({ stoppedBy: 'signal', total: { count: 3 } });
  });
});

describe('load mode', () => {
  it('offers the requested constant rate and reports an achieved rate close to it, as JSON lines', async () => {
    const { summary, lines } = await run(config(newTable('ddbc-load'), '--create-table', '--mode', 'load', '--rate', '40', '--duration', '2', '--concurrency', '64', '--json'));

    const records = lines.map((line) => JSON.parse(line) as { type: string });
    expect(records.filter((r) => r.type === 'operation')).toHaveLength(summary.total.count);
    expect(records.filter((r) => r.type === 'report').length).toBeGreaterThanOrEqual(1);
    expect(records.at(-1)).toMatchObject({ type: 'summary', mode: 'load', stoppedBy: 'duration' });
    expect(summary.load).toMatchObject({ requestedRate: 40, arrivals: 80 });
    expect(summary.load!.started + summary.load!.dropped).toBe(80);
    expect(summary.load!.completed).toBe(summary.load!.started);
    // A check of the scheduler, not of DynamoDB Local's speed: a generous band.
    expect(summary.load!.achievedRate).toBeGreaterThanOrEqual(0.7 * 40);
    expect(summary.load!.throughput).toBeGreaterThan(0);
  });
});

describe('fatal errors', () => {
  it('names the fix when the table does not exist', async () => {
    await expect(run(config(uniqueTableName('ddbc-missing')))).rejects.toThrow(TableNotFoundError);
    await expect(run(config(uniqueTableName('ddbc-missing')))).rejects.toThrow(/not found .*--create-table.*npm start/);
  });

  it('names the fix when nothing listens at the endpoint', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const parsed = parseDdbClientArgs(['--table', 'users', '--endpoint', `http://127.0.0.1:${port}`], {});
    if (parsed.help) throw new Error('unexpected --help');

    const running = runDdbClient(parsed.config, { signal: new AbortController().signal, write: () => undefined, maxAttempts: 1 });

    await expect(running).rejects.toThrow(ConnectionError);
    await expect(running).rejects.toThrow(`cannot connect to DynamoDB at http://127.0.0.1:${port}: is npm start running?`);
  });
});
