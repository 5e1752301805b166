/**
 * `npm run synth|deploy|destroy -- --stage <stage> [--prefix <prefix>] [--enable-testing-api] [-- <cdk args>]`:
 * runs the pinned `cdk` CLI with the stage as context, offline-friendly (no notices, version check or
 * telemetry). After a deploy, writes `.env` from the stack outputs so `npm run seed` targets AWS.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apps } from '../apps/index.ts';
import { writeEnvFile } from '../cli/env-file.ts';
import { AwsSynthError } from './errors.ts';
import { DEFAULT_PROJECT_ROOT, resolveOptions, type ResolvedOptions } from './options.ts';
import { envFromOutputs, readOutputsFile } from './outputs.ts';

const COMMANDS = ['synth', 'deploy', 'destroy', 'diff'] as const;
type Command = (typeof COMMANDS)[number];

export const USAGE = `Usage: npm run <synth|deploy|destroy|diff> -- --stage <stage> [--prefix <prefix>] [--enable-testing-api] [-- <cdk arguments>]
  --stage               deployment stage, part of every name (default dev)
  --prefix              first part of every name (default eventloom)
  --enable-testing-api  keep the dev-only testing (chaos) API in a non-dev stage`;

export function cdkArguments(command: Command, argv: readonly string[]): { args: string[]; env: NodeJS.ProcessEnv; options: ResolvedOptions; outputsFile?: string } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { stage: { type: 'string' }, prefix: { type: 'string' }, 'enable-testing-api': { type: 'boolean', default: false } },
  });
  const options = resolveOptions({ stage: values.stage, prefix: values.prefix, enableTestingApi: values['enable-testing-api'] });
  const args = [command, ...(command === 'deploy' || command === 'destroy' ? ['--all'] : []), '--no-notices', '-c', `stage=${options.stage}`, '-c', `prefix=${options.prefix}`, '-c', `enableTestingApi=${options.enableTestingApi}`];
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  let outputsFile: string | undefined;
  if (command === 'synth') {
    // Synth needs no AWS account: a dummy environment keeps it offline and deterministic.
    env.CDK_DEFAULT_ACCOUNT ??= '000000000000';
    env.CDK_DEFAULT_REGION ??= 'us-east-1';
    args.push('--quiet');
  }
  if (command === 'deploy') {
    outputsFile = join(DEFAULT_PROJECT_ROOT, '.eventloom', 'aws', `${options.prefix}-${options.stage}-outputs.json`);
    args.push('--outputs-file', outputsFile);
  }
  return { args: [...args, ...positionals], env, options, outputsFile };
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command) || rest.includes('--help')) {
    console.error(USAGE);
    return command === undefined || rest.includes('--help') ? 0 : 2;
  }
  const { args, env, options, outputsFile } = cdkArguments(command as Command, rest);
  if (outputsFile) mkdirSync(join(outputsFile, '..'), { recursive: true });
  const cdk = join(DEFAULT_PROJECT_ROOT, 'node_modules', '.bin', 'cdk');
  const result = spawnSync(cdk, args, { cwd: DEFAULT_PROJECT_ROOT, env, stdio: 'inherit' });
  if (result.error) throw new AwsSynthError(`could not run ${cdk}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0 || !outputsFile) return result.status ?? 1;
  const envFile = join(DEFAULT_PROJECT_ROOT, '.env');
  writeEnvFile(envFile, envFromOutputs(readOutputsFile(outputsFile), apps, options), `written by \`npm run deploy\` at ${new Date().toISOString()}; stage ${options.stage} on AWS`);
  process.stdout.write(`wrote ${envFile} from ${outputsFile}; \`npm run seed\` now targets stage ${options.stage} on AWS.\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof AwsSynthError ? `error: ${error.message}` : error);
    process.exitCode = 1;
  }
}
