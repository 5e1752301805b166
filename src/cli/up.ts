import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AppDef } from '../platform/topology/types.ts';
import { startLocalCloud, type LocalCloud } from '../local-cloud/cloud.ts';
import { startHotReload, type HotReload } from '../local-cloud/reload/index.ts';
import type { LoadedStack } from '../local-cloud/templates/types.ts';
import { writeEnvFile } from '../platform/env-file.ts';
import { CliError } from '../platform/cli-error.ts';
import { builtInApps } from './built-in-apps.ts';
import { checkSupport } from './check-support.ts';
import { stopOnShutdown } from './shutdown.ts';
import { loadStackArgs } from './stack-args.ts';

export const UP_USAGE = `Usage: eventloom up [--template <file>]… [--cdk-out <dir> [--stacks A,B]] [--cdk <project>] [options]

Boots the local cloud and writes the SDK endpoints, API base URLs and stack outputs to .env.
Without --template, --cdk-out, --cdk or --apps it runs eventloom's own apps (src/apps/index.ts; only inside its repository).

Your own app:
  --template <file>       a SAM or CloudFormation template, JSON or YAML (repeatable)
  --stack-name <name>     the stack name of a single --template (default: the template's folder name)
  --parameter Key=Value   a template parameter (repeatable; otherwise each takes its Default)
  --cdk-out <dir>         every stack of a synthesized CDK cloud assembly (nested stages too)
  --stacks A,B            only these stacks of the assembly (names or Stage/Stack ids)
  --cdk <project>         synthesize the CDK project (its cdk.json app, offline), then load it
  --skip-unsupported      start even if a template has resource types eventloom does not run (they are skipped)

Options:
  --port           port of the AWS endpoint, Invoke API, HTTP APIs and inspector (default 4566)
  --data-dir       where DynamoDB Local and the state database keep their files (default .eventloom)
  --fresh          wipe the data directory first
  --dynamodb-port  DynamoDB Local's port (default: --port + 1)
  --write-env      the file to write (default .env)
  --allow-host     a host name the main port answers besides 127.0.0.1 and localhost (repeatable)
  --apps           run the apps exported (as \`apps\`) by this module (with a template: as well)
  --no-watch       no hot reload. By default a change to a handler or a project module it imports
                   makes the function's next invocation load the new code, and a change to a
                   --template file, the --cdk-out assembly or the --cdk app's sources (synthesized
                   again) redeploys the stacks in place, keeping items, messages and checkpoints`;

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
      template: { type: 'string', multiple: true, default: [] },
      'stack-name': { type: 'string' },
      parameter: { type: 'string', multiple: true, default: [] },
      'cdk-out': { type: 'string' },
      stacks: { type: 'string' },
      cdk: { type: 'string' },
      'skip-unsupported': { type: 'boolean', default: false },
      'allow-host': { type: 'string', multiple: true, default: [] },
      'no-watch': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(UP_USAGE);
  const shutdown = stopOnShutdown();
  const port = parsePort('--port', values.port);
  const dynamoDbPort = values['dynamodb-port'] ? parsePort('--dynamodb-port', values['dynamodb-port']) : port === 0 ? 0 : port + 1;

  const stackArgs = {
    templates: values.template,
    ...(values['stack-name'] !== undefined && { stackName: values['stack-name'] }),
    parameters: values.parameter,
    ...(values['cdk-out'] !== undefined && { cdkOut: values['cdk-out'] }),
    ...(values.stacks !== undefined && { stacks: values.stacks }),
    ...(values.cdk !== undefined && { cdk: values.cdk }),
    log: (line: string) => console.log(line),
  };
  const loadStacks = async (cdkOutdir?: string) =>
    checkSupport(await loadStackArgs({ ...stackArgs, ...(cdkOutdir !== undefined && { cdkOutdir }) }), { skipUnsupported: values['skip-unsupported'], log: (line) => console.log(line) });
  const usable = await loadStacks();
  const withTemplates = values.template.length > 0 || values['cdk-out'] !== undefined || values.cdk !== undefined;
  const selectedApps = values.apps ? await loadApps(values.apps) : withTemplates ? [] : await builtInApps();
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      apps: selectedApps,
      stacks: usable,
      onWarning: (message) => console.log(`warning: ${message}`),
      allowedHosts: values['allow-host'],
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
  let reload: HotReload | undefined;
  shutdown.onStop(async () => {
    reload?.close();
    await cloud.stop();
  });
  const envFile = resolve(values['write-env']);
  writeEnvFile(envFile, cloud.env, `written by \`eventloom up\` at ${new Date().toISOString()}; the local cloud's endpoints`);
  printEndpoints(cloud, envFile);
  console.log(`eventloom ready in ${((performance.now() - started) / 1000).toFixed(2)}s`);
  if (!values['no-watch']) reload = await watchForChanges(cloud, stackArgs, loadStacks);
}

/** Hot reload: handlers of every function, and the stack sources the command line named. */
async function watchForChanges(cloud: LocalCloud, args: { templates: readonly string[]; cdkOut?: string; cdk?: string }, loadStacks: (cdkOutdir?: string) => Promise<LoadedStack[]>): Promise<HotReload> {
  // A failed synth leaves the running stack's folder in use: the next one writes to the other.
  let cdkOutdirInUse: string | undefined;
  const reload = await startHotReload(cloud, {
    stackFiles: [...args.templates.map((file) => resolve(file)), ...(args.cdkOut !== undefined ? [resolve(args.cdkOut, 'manifest.json')] : [])],
    cdkProjects: args.cdk !== undefined ? [resolve(args.cdk)] : [],
    loadStacks: async () => {
      if (args.cdk === undefined) return loadStacks();
      const outdir = reloadOutdir(args.cdk, cdkOutdirInUse === reloadOutdir(args.cdk, 0) ? 1 : 0);
      const stacks = await loadStacks(outdir);
      cdkOutdirInUse = outdir;
      return stacks;
    },
    log: (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  console.log('Watching for changes (--no-watch to stop).');
  return reload;
}

/**
 * A re-synthesis writes to the one of two folders the running stack does not use: a synth empties its
 * output folder first, and the functions of the running stack load their code from there.
 */
function reloadOutdir(project: string, which: 0 | 1): string {
  return join(tmpdir(), 'eventloom-cdk', `${createHash('sha256').update(resolve(project)).digest('hex').slice(0, 16)}-reload-${which}`);
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
  for (const stack of cloud.registry.list().filter((record) => !cloud.apps.some((app) => app.app.name === record.name))) {
    console.log(`\nstack ${stack.name}`);
    for (const output of stack.outputs) console.log(`  output    ${output.key.padEnd(24)} ${output.value}`);
    for (const fn of cloud.stacks.find((s) => s.name === stack.name)?.compute.functions ?? []) console.log(`  function  ${fn.name}`);
  }
  if (cloud.apps.length === 0 && cloud.stacks.length === 0) console.log('\nNo apps registered yet (src/apps/index.ts).');
  console.log(`\nWrote ${envFile}`);
}

/** A port number from a flag's text (0: any free port), or a CliError naming the flag. */
export function parsePort(flag: string, value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`${flag} must be a port number (0–65535), got "${value}".`);
  return port;
}

/** The `apps` a module exports (`--apps`), or a CliError saying what the module must be. */
export async function loadApps(modulePath: string): Promise<readonly AppDef[]> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new CliError(`--apps ${modulePath}: no such file. Pass the path of a module that exports \`apps\`.`);
  const module = (await import(pathToFileURL(path).href)) as { apps?: readonly AppDef[] };
  if (!Array.isArray(module.apps)) throw new CliError(`--apps ${modulePath} must export \`apps\`, an array of app topologies.`);
  return module.apps;
}
