import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LocalCloudError } from './errors.ts';
import { LOCAL_ACCOUNT_ID, localRegion } from './identity.ts';

export interface CdkSynthOptions {
  /** Where the cloud assembly goes; default a folder per project under the OS's temporary directory. */
  outdir?: string;
  /** Progress lines ("synthesizing …"). */
  log?: (line: string) => void;
}

const require = createRequire(import.meta.url);
/** eventloom's own node_modules: a project synthesized without its dependencies installed borrows aws-cdk-lib and constructs from it. */
const OWN_NODE_MODULES = join(dirname(require.resolve('aws-cdk-lib/package.json')), '..');
/** tsx's loader for both module systems (`node --import tsx`). */
const TSX_LOADER = require.resolve('tsx');

/**
 * Runs a CDK project's own app (its `cdk.json` `app` command) offline, the way `cdk synth` would,
 * without the CDK CLI (no account lookup): CDK_OUTDIR, CDK_CONTEXT_JSON from cdk.json and
 * cdk.context.json, account 000000000000 and the local region. A TypeScript app run through
 * ts-node or tsx runs through eventloom's tsx. Answers the cloud assembly's directory.
 */
export async function synthesizeCdkProject(projectDir: string, options: CdkSynthOptions = {}): Promise<string> {
  const project = resolve(projectDir);
  const cdkJsonPath = join(project, 'cdk.json');
  if (!existsSync(cdkJsonPath)) throw new LocalCloudError(`--cdk ${projectDir}: no cdk.json there. Pass the folder of a CDK app (the one holding cdk.json), or --cdk-out <cloud assembly>.`);
  const cdkJson = JSON.parse(readFileSync(cdkJsonPath, 'utf8')) as { app?: string; context?: Record<string, unknown> };
  if (!cdkJson.app) throw new LocalCloudError(`${cdkJsonPath} has no "app" command to synthesize.`);
  const contextFile = join(project, 'cdk.context.json');
  const context = { ...(existsSync(contextFile) ? (JSON.parse(readFileSync(contextFile, 'utf8')) as object) : {}), ...cdkJson.context };
  const outdir = resolve(options.outdir ?? join(tmpdir(), 'eventloom-cdk', createHash('sha256').update(project).digest('hex').slice(0, 16)));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const { command, args } = appCommand(cdkJson.app);
  options.log?.(`synthesizing the CDK app in ${project} (${cdkJson.app}) into ${outdir}`);
  const workDir = runnableProject(project, outdir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify(context),
    CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT ?? LOCAL_ACCOUNT_ID,
    CDK_DEFAULT_REGION: process.env.CDK_DEFAULT_REGION ?? localRegion(),
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    NODE_PATH: [process.env.NODE_PATH, OWN_NODE_MODULES].filter(Boolean).join(':'),
  };
  const output: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(command, args, { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // `up` exits at once on a signal while it starts: the synth goes with it.
    const killSynth = () => child.kill('SIGKILL');
    process.once('exit', killSynth);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', fail);
    child.on('close', (exitCode) => {
      process.off('exit', killSynth);
      done(exitCode);
    });
  });
  if (code !== 0 || !existsSync(join(outdir, 'manifest.json'))) {
    throw new LocalCloudError(`The CDK app in ${project} failed to synthesize (exit code ${code}):\n${output.join('').trim().split('\n').slice(-15).join('\n')}`);
  }
  return outdir;
}

const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/**
 * The folder to run the app in: the project itself when it is installed (node_modules and a lock
 * file, as `cdk synth` expects); otherwise a copy beside the assembly with eventloom's node_modules
 * and an empty lock file, since NodejsFunction insists on a lock file and bundles with the project's
 * esbuild (a pattern cloned without `npm install` has neither).
 */
function runnableProject(project: string, outdir: string): string {
  const hasLockFile = ancestors(project).some((dir) => LOCK_FILES.some((name) => existsSync(join(dir, name))));
  if (hasLockFile && existsSync(join(project, 'node_modules'))) return project;
  const copy = `${outdir}.project`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(project, copy, { recursive: true, filter: (source) => !/[/\\](node_modules|cdk\.out|\.git)$/.test(source) });
  chmodWritable(copy);
  if (!existsSync(join(copy, 'node_modules'))) symlinkSync(OWN_NODE_MODULES, join(copy, 'node_modules'), 'dir');
  if (!hasLockFile) writeFileSync(join(copy, 'package-lock.json'), '{"lockfileVersion":3,"requires":true,"packages":{}}\n');
  return copy;
}

function ancestors(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

/** A copy of a read-only tree is read-only too: the app may write next to its sources (bundling temp folders). */
function chmodWritable(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    chmodSync(path, entry.isDirectory() ? 0o755 : 0o644);
  }
  chmodSync(dir, 0o755);
}

/** `npx ts-node [--prefer-ts-exts] bin/app.ts`, `npx tsx bin/app.ts`, `node bin/app.js` run with this Node and tsx; anything else through the shell. */
function appCommand(app: string): { command: string; args: string[] } {
  const typescript = /^(?:npx\s+)?(?:ts-node|tsx)(?:\s+--prefer-ts-exts)?\s+(\S+)\s*$/.exec(app.trim());
  if (typescript) return { command: process.execPath, args: ['--import', TSX_LOADER, typescript[1]!] };
  const node = /^node\s+(\S+\.(?:js|cjs|mjs))\s*$/.exec(app.trim());
  if (node) return { command: process.execPath, args: [node[1]!] };
  return { command: 'sh', args: ['-c', app] };
}
