import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { apps } from '../apps/index.ts';
import type { AppDef } from '../platform/topology/types.ts';
import { startLocalCloud, type LocalCloud } from '../local-cloud/cloud.ts';
import { writeEnvFile } from '../platform/env-file.ts';
import { CliError } from '../platform/cli-error.ts';

export const UP_USAGE = `Usage: eventloom up [--port 4566] [--data-dir .eventloom] [--fresh] [--dynamodb-port <port>] [--write-env .env] [--apps <module>]

Boots the local cloud with every registered app and writes the SDK endpoints and API base URLs to .env.
  --port           port of the AWS endpoint, Invoke API, HTTP APIs and inspector (default 4566)
  --data-dir       where DynamoDB Local and the state database keep their files (default .eventloom)
  --fresh          wipe the data directory first
  --dynamodb-port  DynamoDB Local's port (default: --port + 1)
  --write-env      the file to write (default .env)
  --apps           run the apps exported (as \`apps\`) by this module instead of src/apps/index.ts`;

export async function up(argv: string[]): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4566' },
      'data-dir': { type: 'string', default: '.eventloom' },
      fresh: { type: 'boolean', default: false },
      'dynamodb-port': { type: 'string' },
      'write-env': { type: 'string', default: '.env' },
      apps: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(UP_USAGE);
  const port = parsePort('--port', values.port);
  const dynamoDbPort = values['dynamodb-port'] ? parsePort('--dynamodb-port', values['dynamodb-port']) : port === 0 ? 0 : port + 1;

  const selectedApps = values.apps ? await loadApps(values.apps) : apps;
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      apps: selectedApps,
      port,
      ...(dynamoDbPort !== 0 && { dynamoDbPort }),
      dataDir: values['data-dir'],
      fresh: values.fresh,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(`Port ${port} is already in use (another eventloom or LocalStack?). Stop it or pass --port <n>.`);
    }
    throw error;
  }
  const envFile = resolve(values['write-env']);
  writeEnvFile(envFile, cloud.env, `written by \`eventloom up\` at ${new Date().toISOString()}; the local cloud's endpoints`);
  printEndpoints(cloud, envFile);
  console.log(`eventloom ready in ${((performance.now() - started) / 1000).toFixed(2)}s`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting without waiting for running invocations.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud…`);
    await cloud.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printEndpoints(cloud: LocalCloud, envFile: string): void {
  console.log(`AWS endpoint (SQS, EventBridge, Lambda, S3, Kinesis, DynamoDB proxy): ${cloud.url}`);
  console.log(`DynamoDB Local:                                                   ${cloud.dynamoDbEndpoint}`);
  console.log(`Inspector:                                                        ${cloud.url}/_eventloom/inspect`);
  console.log(`Dashboard:                                                        ${cloud.url}/_eventloom/`);
  for (const deployed of cloud.apps) {
    const app = deployed.app;
    console.log(`\napp ${app.name}`);
    for (const [name, api] of Object.entries(app.httpApis ?? {})) {
      console.log(`  api       ${name.padEnd(24)} ${cloud.apiUrl(app.name, name)}${api.baseUrlEnv ? `  (${api.baseUrlEnv})` : ''}`);
    }
    for (const table of deployed.tables.values()) console.log(`  table     ${table.name}`);
    for (const queue of Object.keys(app.queues ?? {})) console.log(`  queue     ${app.name}-${queue}`);
    for (const bucket of Object.keys(app.buckets ?? {})) console.log(`  bucket    ${app.name}-${bucket}`);
    for (const stream of Object.keys(app.kinesisStreams ?? {})) console.log(`  kinesis   ${app.name}-${stream}`);
    for (const fn of Object.keys(app.functions ?? {})) console.log(`  function  ${app.name}-${fn}`);
  }
  if (cloud.apps.length === 0) console.log('\nNo apps registered yet (src/apps/index.ts).');
  console.log(`\nWrote ${envFile}`);
}

function parsePort(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`${flag} must be a port number (0–65535), got "${value}".`);
  return port;
}

async function loadApps(modulePath: string): Promise<readonly AppDef[]> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new CliError(`--apps ${modulePath}: no such file. Pass the path of a module that exports \`apps\`.`);
  const module = (await import(pathToFileURL(path).href)) as { apps?: readonly AppDef[] };
  if (!Array.isArray(module.apps)) throw new CliError(`--apps ${modulePath} must export \`apps\`, an array of app topologies.`);
  return module.apps;
}
