/**
 * `npm run synth -- --stage <stage> [--prefix <prefix>] [--enable-testing-api] [--output <dir>]` runs the
 * CDK app (src/aws/app.ts) directly, without the `cdk` CLI: the CLI looks up a default account (STS,
 * EC2 metadata) whenever credentials or a profile exist, the app itself never calls AWS.
 * `npm run deploy|destroy|aws:diff -- --stage <stage> [...] [-- <cdk args>]` run the pinned `cdk` CLI
 * with the stage as context (no notices, version check or telemetry). After a deploy, writes `.env`
 * from the stack outputs so `npm run seed` targets AWS.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { apps } from '../apps/index.ts';
import { writeEnvFile } from '../platform/env-file.ts';
import { AwsSynthError } from './errors.ts';
import { DEFAULT_PROJECT_ROOT, resolveOptions, type ResolvedOptions } from './options.ts';
import { envFromOutputs, readOutputsFile } from './outputs.ts';

const COMMANDS = ['synth', 'deploy', 'destroy', 'diff'] as const;
type Command = (typeof COMMANDS)[number];
type CdkCommand = Exclude<Command, 'synth'>;

export const USAGE = `Usage: npm run synth -- --stage <stage> [--prefix <prefix>] [--enable-testing-api] [--output <dir>]
       npm run <deploy|destroy|aws:diff> -- --stage <stage> [--prefix <prefix>] [--enable-testing-api] [-- <cdk arguments>]
  --stage               deployment stage, part of every name (default dev)
  --prefix              first part of every name (default eventloom)
  --enable-testing-api  also deploy the dev-only testing (chaos) API, in any stage, behind IAM
                        authorization (SigV4-signed requests only); without it no stage has one
  --output              synth only: the cloud assembly directory (default cdk.out)`;

const APP_ENTRY = join(DEFAULT_PROJECT_ROOT, 'src', 'aws', 'app.ts');

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { stage: { type: 'string' }, prefix: { type: 'string' }, 'enable-testing-api': { type: 'boolean', default: false }, output: { type: 'string' } },
  });
  const options = resolveOptions({ stage: values.stage, prefix: values.prefix, enableTestingApi: values['enable-testing-api'] });
  return { options, output: values.output, positionals };
}

/**
 * How `synth` runs the app: `node --import tsx src/aws/app.ts` with the context and output directory
 * the CLI would pass (CDK_CONTEXT_JSON, CDK_OUTDIR). No CLI means no account lookup, so synth is
 * offline whatever credentials, profile or metadata service the machine has.
 */
export function synthInvocation(argv: readonly string[]): { file: string; args: string[]; env: NodeJS.ProcessEnv; options: ResolvedOptions; outdir: string } {
  const { options, output, positionals } = parse(argv);
  if (positionals.length > 0) throw new AwsSynthError(`synth takes no cdk arguments (got ${positionals.join(' ')}); use \`npx cdk synth\` for those.`);
  const outdir = resolve(DEFAULT_PROJECT_ROOT, output ?? 'cdk.out');
  const cdkJson = JSON.parse(readFileSync(join(DEFAULT_PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const context = { ...cdkJson.context, stage: options.stage, prefix: options.prefix, enableTestingApi: String(options.enableTestingApi) };
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  // A dummy environment keeps the templates deterministic; nothing is looked up.
  env.CDK_DEFAULT_ACCOUNT ??= '000000000000';
  env.CDK_DEFAULT_REGION ??= 'us-east-1';
  return { file: process.execPath, args: ['--import', 'tsx', APP_ENTRY], env, options, outdir };
}

export function cdkArguments(command: CdkCommand, argv: readonly string[]): { args: string[]; env: NodeJS.ProcessEnv; options: ResolvedOptions; outputsFile?: string } {
  const { options, output, positionals } = parse(argv);
  if (output !== undefined) throw new AwsSynthError(`--output is for synth only; pass \`-- --output ${output}\` to give it to cdk.`);
  const args = [command, ...(command === 'deploy' || command === 'destroy' ? ['--all'] : []), '--no-notices', '-c', `stage=${options.stage}`, '-c', `prefix=${options.prefix}`, '-c', `enableTestingApi=${options.enableTestingApi}`];
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  let outputsFile: string | undefined;
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
  if (command === 'synth') {
    const { file, args, env, outdir } = synthInvocation(rest);
    const result = spawnSync(file, args, { cwd: DEFAULT_PROJECT_ROOT, env, stdio: 'inherit' });
    if (result.error) throw new AwsSynthError(`could not run ${APP_ENTRY}: ${result.error.message}`, { cause: result.error });
    if (result.status === 0) process.stdout.write(`wrote the cloud assembly to ${outdir}\n`);
    return result.status ?? 1;
  }
  const { args, env, options, outputsFile } = cdkArguments(command as CdkCommand, rest);
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

/** Whether the module at `moduleUrl` is the script node was started with (paths with spaces or `%` included). */
export const isMainModule = (moduleUrl: string, argv1: string | undefined): boolean => argv1 !== undefined && moduleUrl === pathToFileURL(argv1).href;

if (isMainModule(import.meta.url, process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof AwsSynthError ? `error: ${error.message}` : error);
    process.exitCode = 1;
  }
}
