import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import { dynamoDbClient } from '../support/cloud.ts';
import { uniqueTableName } from '../support/ddb-client/operation-context.ts';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MAIN = resolve('src/cli/main.ts');

interface Spawned {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited(): Promise<number | null>;
}

let client: DynamoDBClient;
let cwd: string;
const tables: string[] = [];

/** `eventloom ddb-client …` as a user runs it, by default from a directory without a .env, with only the variables given. */
function ddbClient(args: string[], env: Record<string, string>, dir = cwd): Spawned {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, 'ddb-client', ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited: () => exit };
}

const local = () => ({ AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'), AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' });

beforeAll(() => {
  client = dynamoDbClient(inject('dynamoDbEndpoint'));
  cwd = mkdtempSync(join(tmpdir(), 'ddbc-cwd-'));
});

afterAll(async () => {
  await Promise.all(tables.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  client.destroy();
  rmSync(cwd, { recursive: true, force: true });
});

describe('eventloom ddb-client', () => {
  it('on SIGTERM finishes the running operation, prints the summary and exits 0', async () => {
    const table = uniqueTableName('ddbc-cli');
    tables.push(table);
    const run = ddbClient(['--create-table', '--report-every', '1000'], { ...local(), DYNAMODB_TABLE_NAME: table, OPERATION_INTERVAL_MS: '20' });
    await waitFor(() => (run.stdout().match(/^#\d+ /gm) ?? []).length >= 3, { timeoutMs: 30_000, description: 'three operations printed' });

    run.child.kill('SIGTERM');
    const code = await run.exited();

    expect(code).toBe(0);
    const out = run.stdout();
    expect(out).toContain('SIGTERM: finishing the running operation');
    expect(out).toMatch(/Summary: demo mode, [\d.]+ s, stopped by signal/);
    const total = out.split('\n').find((line) => line.startsWith('TOTAL'))!;
    const printed = (out.match(/^#\d+ /gm) ?? []).length;
    expect(Number(total.split(/\s+/)[1])).toBe(printed);
  });

  it('reads .env from the current directory, the variables already set winning', async () => {
    const table = uniqueTableName('ddbc-dotenv');
    tables.push(table);
    const dir = mkdtempSync(join(tmpdir(), 'ddbc-dotenv-'));
    const dotenv = { ...local(), DYNAMODB_TABLE_NAME: 'not-this-table', MAX_OPERATIONS: '2', OPERATION_INTERVAL_MS: '0' };
    writeFileSync(join(dir, '.env'), Object.entries(dotenv).map(([key, value]) => `${key}=${value}\n`).join(''));
    try {
      const run = ddbClient(['--create-table', '--operations', 'put'], { DYNAMODB_TABLE_NAME: table }, dir);

      expect(await run.exited()).toBe(0);
      expect(run.stdout()).toContain(`table ${table}, region us-east-1, endpoint ${inject('dynamoDbEndpoint')}, demo, interval 0 ms, max operations 2`);
      expect(run.stdout()).toContain('Completed 2 operations');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a table name exits 1 with one line naming the fix', async () => {
    const run = ddbClient([], local());

    expect(await run.exited()).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([
      'eventloom: no table name: set DYNAMODB_TABLE_NAME or pass --table <name>, or start the local cloud (npm start), which writes DYNAMODB_TABLE_NAME to .env',
    ]);
  });

  it('for a missing table exits 1 with one line naming the fix', async () => {
    const run = ddbClient(['--table', 'no-such-users-table'], local());

    expect(await run.exited()).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^eventloom: table "no-such-users-table" not found .*: pass --create-table to create it, or run npm start/);
  });

  it('prints its usage on --help', async () => {
    const run = ddbClient(['--help'], {});

    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toContain('DYNAMODB_TABLE_NAME');
    expect(run.stdout()).toContain('--mode demo|load');
  });
});
