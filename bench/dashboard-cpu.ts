// The dashboard's cost to the cloud: `eventloom up` (every app) runs `eventloom seed` twice per
// round, once with no page open and once with the dashboard open in headless Chromium, and the
// CPU time of the cloud's process and of its DynamoDB Local JVM (from /proc, Linux only) is
// compared; then the same over --idle seconds of a quiet cloud (a page left open all day).
// Chromium's own CPU is shown too. Prints figures; asserts nothing.
//
//   node --import tsx bench/dashboard-cpu.ts [--rounds 1] [--idle 30]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { chromium } from 'playwright-core';

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/** CPU seconds (user + system) a process has used so far, its threads included. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Every descendant of `pid` (Chromium's renderer and GPU processes, the cloud's JVM). */
function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const total = (pids: readonly number[]) => pids.reduce((sum, pid) => sum + (safe(() => cpuSeconds(pid)) ?? 0), 0);
const safe = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

async function startCloud(dir: string): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const envFile = join(dir, '.env');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'up', '--port', '0', '--data-dir', join(dir, 'data'), '--fresh', '--write-env', envFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'error', PAYMENT_GATEWAY_SEED: 'dashboard-cpu' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!/eventloom ready in/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`eventloom up did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, env: parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string> };
}

function seed(env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'seed', '--timeout', '300'], { stdio: 'ignore', env: { ...process.env, ...env } });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

interface Figures {
  wallSeconds: number;
  cloudSeconds: number;
  jvmSeconds: number;
  browserSeconds: number;
}

interface Run {
  page: boolean;
  seed: Figures;
  idle: Figures;
  seedExit: number;
}

async function measure(page: boolean, idleSeconds: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-dashboard-cpu-'));
  const { child, env } = await startCloud(dir);
  const cloudPid = child.pid!;
  const profile = mkdtempSync(join(tmpdir(), 'eventloom-chromium-'));
  const browser = page
    ? await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      })
    : undefined;
  try {
    if (browser) {
      const tab = browser.pages()[0] ?? (await browser.newPage());
      await tab.goto(`${env.EVENTLOOM_URL}/_eventloom/`);
      await tab.locator('#status[data-state="live"]').waitFor();
    }
    const jvm = descendants(cloudPid);
    const browserPids = () => (browser ? descendants(process.pid).filter((pid) => !jvm.includes(pid) && pid !== cloudPid && !descendants(cloudPid).includes(pid)) : []);
    const sample = () => ({ cloud: cpuSeconds(cloudPid), jvm: total(jvm), browser: total(browserPids()), at: performance.now() });
    const since = (before: ReturnType<typeof sample>): Figures => {
      const after = sample();
      return { wallSeconds: (after.at - before.at) / 1000, cloudSeconds: after.cloud - before.cloud, jvmSeconds: after.jvm - before.jvm, browserSeconds: after.browser - before.browser };
    };
    const seeding = sample();
    const seedExit = await seed(env);
    const seedFigures = since(seeding);
    const quiet = sample();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    return { page, seed: seedFigures, idle: since(quiet), seedExit };
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' }, idle: { type: 'string', default: '30' } } });
const runs: Run[] = [];
const line = (label: string, figures: Figures) => {
  const percent = (seconds: number) => `${((seconds / figures.wallSeconds) * 100).toFixed(1)}%`;
  return `${label} ${figures.wallSeconds.toFixed(1)} s | cloud ${figures.cloudSeconds.toFixed(2)} CPU-s (${percent(figures.cloudSeconds)} of a core) | DynamoDB Local ${figures.jvmSeconds.toFixed(2)} CPU-s | Chromium ${figures.browserSeconds.toFixed(2)} CPU-s (${percent(figures.browserSeconds)})`;
};
for (let round = 0; round < Number(values.rounds); round++) {
  for (const page of [false, true]) {
    const run = await measure(page, Number(values.idle));
    runs.push(run);
    console.log(line(`${page ? 'page open' : 'no page  '} seed (exit ${run.seedExit})`, run.seed));
    console.log(line(`${page ? 'page open' : 'no page  '} idle         `, run.idle));
  }
}
const mean = (page: boolean, pick: (run: Run) => number) => {
  const chosen = runs.filter((run) => run.page === page);
  return chosen.reduce((sum, run) => sum + pick(run), 0) / chosen.length;
};
for (const phase of ['seed', 'idle'] as const) {
  const without = mean(false, (run) => run[phase].cloudSeconds);
  const withPage = mean(true, (run) => run[phase].cloudSeconds);
  console.log(`${phase}: cloud ${without.toFixed(2)} CPU-s without the page, ${withPage.toFixed(2)} CPU-s with it (mean of ${runs.length / 2})`);
}
