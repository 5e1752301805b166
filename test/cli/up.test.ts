import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, startCloudProcess, type CloudProcess } from '../support/cloud-process.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'crashtest';
const APPS_MODULE = 'test/fixtures/apps/pipeline-app.ts';
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `eventloom <args>` to completion (the short-lived commands: errors, --help). */
function runCli(args: string[], env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error' }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** The SDK configuration a script builds from the env file alone. */
function sdkConfig(env: Record<string, string>, endpoint: string) {
  return { endpoint, region: env.AWS_REGION!, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! } };
}

describe('eventloom up', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-cli-up-'));
  const envFile = join(root, 'local.env');
  const args = ['--port', '0', '--data-dir', join(root, 'data'), '--apps', APPS_MODULE];
  const started: { cloud: CloudProcess; jvms: number[] }[] = [];
  let cloud: CloudProcess;

  async function start(extra: string[] = []): Promise<CloudProcess> {
    const next = await startCloudProcess([...args, ...extra], envFile);
    started.push({ cloud: next, jvms: next.childPids() });
    return next;
  }

  /** Ctrl-C: SIGINT, then the exit code once the process is gone. */
  async function interrupt(target: CloudProcess): Promise<number | null> {
    target.child.kill('SIGINT');
    await waitFor(() => target.child.exitCode !== null || target.child.signalCode !== null, { timeoutMs: 20_000, description: 'eventloom up to exit on SIGINT' });
    return target.child.exitCode;
  }

  beforeAll(async () => {
    cloud = await start();
  }, 120_000);

  afterAll(() => {
    for (const { cloud: each, jvms } of started) {
      for (const pid of [each.child.pid!, ...jvms]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('prints every endpoint, the app resources and the ready line', () => {
    const output = cloud.output();

    expect(output).toMatch(/^eventloom ready in \d+\.\d{2}s$/m);
    expect(output).toContain(`AWS endpoint (SQS, EventBridge, Lambda, S3, Kinesis, DynamoDB proxy): ${cloud.env.EVENTLOOM_URL}`);
    expect(output).toMatch(/^DynamoDB Local: +http:\/\/127\.0\.0\.1:\d+$/m);
    expect(cloud.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(cloud.env.EVENTLOOM_URL);
    expect(output).toMatch(new RegExp(`api +items +${cloud.env.ITEMS_API_BASE_URL} +\\(ITEMS_API_BASE_URL\\)`));
    for (const table of ['items', 'markers']) expect(output).toMatch(new RegExp(`table +${APP}-${table}$`, 'm'));
    for (const queue of ['work', 'workDlq', 'transformed', 'streamFailures']) expect(output).toMatch(new RegExp(`queue +${APP}-${queue}$`, 'm'));
    for (const fn of ['worker', 'direct', 'streamConsumer', 'api']) expect(output).toMatch(new RegExp(`function +${APP}-${fn}$`, 'm'));
    expect(output).not.toMatch(STACK_FRAME);
  });

  it('writes an env file whose values alone reach every service, all on loopback', async () => {
    const env = cloud.env;
    const keys = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SQS'];
    keys.push('AWS_ENDPOINT_URL_EVENTBRIDGE', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_KINESIS', 'ITEMS_API_BASE_URL');
    for (const key of keys) expect(env[key], key).toBeTruthy();
    const urls = Object.entries(env).filter(([, value]) => value.startsWith('http'));
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const [key, value] of urls) expect(new URL(value).hostname, key).toBe('127.0.0.1');

    const sqs = new SQSClient(sdkConfig(env, env.AWS_ENDPOINT_URL_SQS!));
    const direct = new DynamoDBClient(sdkConfig(env, env.AWS_ENDPOINT_URL_DYNAMODB!));
    const proxied = new DynamoDBClient(sdkConfig(env, env.EVENTLOOM_URL!));
    const events = new EventBridgeClient(sdkConfig(env, env.AWS_ENDPOINT_URL_EVENTBRIDGE!));
    try {
      const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: APP }));
      const viaDirect = await direct.send(new ListTablesCommand({}));
      const viaProxy = await proxied.send(new ListTablesCommand({}));
      const { EventBuses = [] } = await events.send(new ListEventBusesCommand({}));

      expect(QueueUrls.map((url) => url.split('/').pop()).sort()).toEqual([`${APP}-streamFailures`, `${APP}-transformed`, `${APP}-work`, `${APP}-workDlq`]);
      expect(viaDirect.TableNames).toEqual(expect.arrayContaining([`${APP}-items`, `${APP}-markers`]));
      expect(viaProxy.TableNames).toEqual(viaDirect.TableNames);
      expect(EventBuses.map((bus) => bus.Name)).toContain(`${APP}-bus`);
    } finally {
      for (const client of [sqs, direct, proxied, events]) client.destroy();
    }
  });

  // Runs last in this block: it stops the shared cloud.
  it('stops cleanly on SIGINT, keeps the data across a restart, and --fresh wipes it', { timeout: 240_000 }, async () => {
    const key = { pk: { S: `restart-${Date.now()}` } };
    const put = new DynamoDBClient(sdkConfig(cloud.env, cloud.env.AWS_ENDPOINT_URL_DYNAMODB!));
    await put.send(new PutItemCommand({ TableName: `${APP}-markers`, Item: { ...key, note: { S: 'kept' } } }));
    put.destroy();
    const jvms = cloud.childPids();
    expect(jvms.length).toBeGreaterThan(0);

    const exitCode = await interrupt(cloud);

    expect(exitCode).toBe(0);
    expect(cloud.output()).toMatch(/SIGINT: stopping the local cloud…\s+stopped/);
    expect(cloud.output()).not.toMatch(STACK_FRAME);
    await waitFor(() => jvms.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, description: 'the JVM to be gone' });

    const restarted = await start();
    const afterRestart = new DynamoDBClient(sdkConfig(restarted.env, restarted.env.AWS_ENDPOINT_URL_DYNAMODB!));
    const { Item: kept } = await afterRestart.send(new GetItemCommand({ TableName: `${APP}-markers`, Key: key, ConsistentRead: true }));
    afterRestart.destroy();
    expect(kept?.note?.S).toBe('kept');
    expect(await interrupt(restarted)).toBe(0);

    const fresh = await start(['--fresh']);
    const afterFresh = new DynamoDBClient(sdkConfig(fresh.env, fresh.env.AWS_ENDPOINT_URL_DYNAMODB!));
    const { Item: wiped } = await afterFresh.send(new GetItemCommand({ TableName: `${APP}-markers`, Key: key, ConsistentRead: true }));
    afterFresh.destroy();
    expect(wiped).toBeUndefined();
    expect(await interrupt(fresh)).toBe(0);
  });
});

describe('eventloom up: failures are one clear line and exit code 1', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-cli-fail-'));
  const upArgs = (...extra: string[]) => ['up', '--data-dir', join(root, 'data'), '--write-env', join(root, 'local.env'), ...extra];
  let blocker: Server;

  afterAll(async () => {
    await new Promise((done) => (blocker ? blocker.close(done) : done(undefined)));
    rmSync(root, { recursive: true, force: true });
  });

  it('names --port when the port is taken', { timeout: 120_000 }, async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;

    const result = await runCli(upArgs('--port', String(port), '--dynamodb-port', '0', '--apps', APPS_MODULE));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).not.toContain('eventloom ready');
  });

  it('says Java is missing and how to install it', { timeout: 60_000 }, async () => {
    const emptyBin = join(root, 'bin');
    mkdirSync(emptyBin, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyBin, LOG_LEVEL: 'error' };
    delete env.JAVA_HOME;

    const result = await runCli(upArgs('--port', '0', '--apps', APPS_MODULE), env);

    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^eventloom: Java was not found\./);
    expect(lines[0]).toContain('apt-get install openjdk-17-jre-headless');
  });

  it('tells how to fix an --apps module without an `apps` export, or one that does not exist', { timeout: 60_000 }, async () => {
    const noApps = join(root, 'no-apps.ts');
    writeFileSync(noApps, 'export const notApps = [];\n');

    const wrongExport = await runCli(upArgs('--port', '0', '--apps', noApps));
    const missing = await runCli(upArgs('--port', '0', '--apps', join(root, 'missing.ts')));

    expect(wrongExport.code).toBe(1);
    expect(wrongExport.stderr.trim()).toBe(`eventloom: --apps ${noApps} must export \`apps\`, an array of app topologies.`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`--apps ${join(root, 'missing.ts')}`);
    expect(missing.stderr).not.toMatch(STACK_FRAME);
  });

  it('prints the usage for --help (exit 0) and for an unknown command (exit 1)', { timeout: 60_000 }, async () => {
    const [help, upHelp, unknown, inherited] = await Promise.all([runCli(['--help']), runCli(['up', '--help']), runCli(['frobnicate']), runCli(['constructor'])]);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: eventloom <command>/);
    expect(help.stdout).toMatch(/^\s+up\s/m);
    expect(upHelp.code).toBe(0);
    expect(upHelp.stdout).toContain('Usage: eventloom up');
    expect(upHelp.stdout).toContain('--fresh');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: eventloom <command>');
    expect(inherited.code).toBe(1);
    expect(inherited.stderr).toContain('Unknown command "constructor"');
  });
});
