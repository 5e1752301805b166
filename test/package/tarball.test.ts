import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput, isAlive, untilReady } from '../support/cloud-process.ts';
import { commandOf, descendants } from '../support/process-tree.ts';
import { waitFor } from '../support/wait-for.ts';
import { tarballProject } from './offline-lock.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const npmAvailable = spawnSync('npm', ['--version']).status === 0;

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command to completion in `cwd`; the output is stdout and stderr together. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 300_000): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

interface Up {
  child: ChildProcess;
  output: () => string;
  /** npm and every process below it (sh, the cloud's node, the JVM), taken once ready. */
  pids: number[];
}

/** `npx eventloom up …` (or another npm command) in the project, until its ready line. */
async function startUp(project: string, command: string, args: string[]): Promise<Up> {
  const child = spawn(command, args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
  const output = collectOutput(child);
  try {
    await untilReady(child, output, { timeoutMs: 120_000, description: `${command} ${args.join(' ')} to be ready` });
  } catch (error) {
    for (const pid of [child.pid!, ...descendants(child.pid!)]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    throw error;
  }
  return { child, output, pids: [child.pid!, ...descendants(child.pid!)] };
}

/** A signal to npm's own PID: npm, the shell it runs the bin through, the cloud's node and the JVM all end. */
async function stopThroughNpm(up: Up, signal: NodeJS.Signals): Promise<void> {
  process.kill(up.child.pid!, signal);
  try {
    await waitFor(() => up.pids.every((pid) => !isAlive(pid)) || expect(up.pids.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]), {
      timeoutMs: 30_000,
      description: `every process below npm to exit on ${signal}`,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nthe cloud's last output:\n${up.output().split('\n').slice(-20).join('\n')}`, { cause: error });
  }
}

/** The README's vitest example (test/settle/readme-example.test.ts) as a user's project holds it: importing the package, beside its template. */
function readmeExampleInProject(): string {
  const source = readFileSync(join(REPO, 'test/settle/readme-example.test.ts'), 'utf8');
  const inProject = source
    .replace("from '../../src/index.ts'", "from 'eventloom'")
    .replace("fileURLToPath(new URL('fixture/template.yaml', import.meta.url))", "fileURLToPath(new URL('template.yaml', import.meta.url))");
  if (inProject.includes('../../src') || !inProject.includes("new URL('template.yaml'")) throw new Error('readme-example.test.ts changed: update readmeExampleInProject()');
  return inProject;
}

describe.skipIf(!npmAvailable)('the npm tarball, installed into an empty folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-tarball-'));
  const project = join(root, 'shop');
  const running: Up[] = [];

  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--pack-destination', root, '--silent'], REPO);
    expect(packed.code, packed.output).toBe(0);
    const tarballName = packed.output.trim().split('\n').at(-1)!;
    mkdirSync(project);
    renameSync(join(root, tarballName), join(project, tarballName));
    // `exec`: the shell npm runs a script through becomes the cloud, so npm's forwarded SIGINT reaches it.
    const scripts = { cloud: 'exec eventloom up --template template.yaml' };
    const { manifest, lock } = tarballProject(join(REPO, 'package-lock.json'), 'shop', tarballName, ['vitest']);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module', scripts, ...manifest }));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock));
    cpSync(join(REPO, 'test/settle/fixture'), project, { recursive: true });
    cpSync(join(HERE, 'project'), project, { recursive: true });
    writeFileSync(join(project, 'shop.spec.ts'), readmeExampleInProject());

    // Offline, from npm's cache (offline-lock.ts). Install scripts are skipped and better-sqlite3's
    // addon, built for this very Node, is copied from the repository's own install: it would
    // download a prebuilt binary or compile for minutes, and proves nothing about eventloom's package.
    const installed = await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    expect(installed.code, installed.output).toBe(0);
    const addon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    mkdirSync(join(project, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    copyFileSync(addon, join(project, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
  }, 600_000);

  afterAll(() => {
    for (const up of running) for (const pid of up.pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
    // Where `up --cdk` put the project's cloud assembly (local-cloud/cdk-synth.ts).
    rmSync(join(tmpdir(), 'eventloom-cdk', createHash('sha256').update(project).digest('hex').slice(0, 16)), { recursive: true, force: true });
  });

  it('holds the bin, the sources it runs and the types, without tests or eventloom’s own apps', () => {
    const pkg = join(project, 'node_modules/eventloom');

    for (const file of ['bin/eventloom.mjs', 'src/index.mjs', 'src/cli/main.ts', 'src/local-cloud/lambda/runner/worker-bootstrap.mjs', 'src/local-cloud/dashboard/static/index.html', 'dist/types/index.d.ts']) {
      expect(existsSync(join(pkg, file)), file).toBe(true);
    }
    for (const absent of ['src/apps', 'src/aws', 'test', 'bench', 'src/local-cloud/settle/settle.test.ts']) expect(existsSync(join(pkg, absent)), absent).toBe(false);
    expect(spawnSync('find', [pkg, '-name', '*.test.ts'], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('eventloom up --template (an npm script) runs the app end to end, inspect and /_eventloom/settled answer, SIGINT to npm stops it all', { timeout: 180_000 }, async () => {
    const up = await startUp(project, 'npm', ['run', 'cloud', '--', '--port', '0']);
    running.push(up);
    const env = parseEnv(readFileSync(join(project, '.env'), 'utf8')) as Record<string, string>;

    const accepted = await fetch(`${env.ApiUrl}/orders/n-1?delayMs=0`, { method: 'POST' });
    const settled = await fetch(`${env.EVENTLOOM_URL}/_eventloom/settled?timeoutMs=30000`);
    const inspect = await run('npx', ['eventloom', 'inspect', '--json'], project);

    expect(accepted.status).toBe(202);
    expect(settled.status).toBe(200);
    expect(inspect.code, inspect.output).toBe(0);
    const functions = (JSON.parse(inspect.output) as { functions: { name: string; invocations: number }[] }).functions;
    expect(functions.find((fn) => /-Ship-/.test(fn.name))?.invocations).toBe(1);
    expect(up.pids.length).toBeGreaterThanOrEqual(3);
    await stopThroughNpm(up, 'SIGINT');
  });

  it('a node:test file using startCloud() and settled() passes', { timeout: 180_000 }, async () => {
    const result = await run(process.execPath, ['--test', 'shop.test.mjs'], project, { ...process.env, LOG_LEVEL: 'error' });

    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/# pass 1/);
  });

  it('a vitest file using startCloud() and settled() passes (the README example)', { timeout: 180_000 }, async () => {
    const vitest = join(project, 'node_modules/vitest/vitest.mjs');

    const result = await run(process.execPath, [vitest, 'run', 'shop.spec.ts'], project, { ...process.env, LOG_LEVEL: 'error', CI: 'true' });

    expect(result.code, result.output).toBe(0);
    expect(stripVTControlCharacters(result.output)).toMatch(/Tests\s+1 passed/);
  });

  it('its types check in a strict TypeScript project', { timeout: 120_000 }, async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);

    expect(result.code, result.output).toBe(0);
  });

  it('npx eventloom up --cdk . synthesizes the project’s CDK app with the installed aws-cdk-lib; SIGTERM to npx stops it all', { timeout: 240_000 }, async () => {
    const up = await startUp(project, 'npx', ['eventloom', 'up', '--port', '0', '--cdk', '.', '--write-env', '.env.cdk']);
    running.push(up);

    expect(up.output()).toMatch(/stack CdkShop/);
    expect(up.output()).toMatch(/output +OrdersQueueUrl +http:\/\/127\.0\.0\.1:\d+\//);
    await stopThroughNpm(up, 'SIGTERM');
  });

  it('asks for a template instead of running eventloom’s own apps, and prints the one-line Java hint', { timeout: 120_000 }, async () => {
    const bin = join(project, 'node_modules/eventloom/bin/eventloom.mjs');
    const noJava: NodeJS.ProcessEnv = { ...process.env, PATH: join(root, 'no-java'), LOG_LEVEL: 'error' };
    delete noJava.JAVA_HOME;
    mkdirSync(noJava.PATH!, { recursive: true });

    const bare = await run(process.execPath, [bin, 'up', '--port', '0'], project);
    const javaMissing = await run(process.execPath, [bin, 'up', '--port', '0', '--template', 'template.yaml'], project, noJava);

    expect(bare.code).toBe(1);
    expect(bare.output.trim()).toMatch(/^eventloom: Nothing to run: pass --template <file>/);
    expect(javaMissing.code).toBe(1);
    expect(javaMissing.output.trim().split('\n'), javaMissing.output).toHaveLength(1);
    expect(javaMissing.output).toMatch(/^eventloom: Java was not found\..*apt-get install openjdk-17-jre-headless/);
  });
});
