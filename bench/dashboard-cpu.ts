// The dashboard's cost to the cloud: `eventloom up` (every app) runs `eventloom seed` twice per
// round, once with no page open and once with the dashboard open in headless Chromium, and the
// CPU time of the cloud's process and of its DynamoDB Local JVM (from /proc, Linux only) is
// compared; Chromium's own CPU is shown too. Prints figures; asserts nothing.
//
//   node --import tsx bench/dashboard-cpu.ts [--rounds 1]
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

interface Run {
  page: boolean;
  wallSeconds: number;
  cloudSeconds: number;
  jvmSeconds: number;
  browserSeconds: number;
  seedExit: number;
}

async function measure(page: boolean): Promise<Run> {
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
    const before = { cloud: cpuSeconds(cloudPid), jvm: total(jvm), browser: total(browserPids()), at: performance.now() };
    const seedExit = await seed(env);
    return {
      page,
      wallSeconds: (performance.now() - before.at) / 1000,
      cloudSeconds: cpuSeconds(cloudPid) - before.cloud,
      jvmSeconds: total(jvm) - before.jvm,
      browserSeconds: total(browserPids()) - before.browser,
      seedExit,
    };
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '1' } } });
const runs: Run[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const page of [false, true]) {
    const run = await measure(page);
    runs.push(run);
    const percent = (seconds: number) => `${((seconds / run.wallSeconds) * 100).toFixed(1)}%`;
    console.log(
      `${page ? 'page open  ' : 'no page    '} seed ${run.wallSeconds.toFixed(1)} s (exit ${run.seedExit}) | cloud ${run.cloudSeconds.toFixed(1)} CPU-s (${percent(run.cloudSeconds)} of a core)` +
        ` | DynamoDB Local ${run.jvmSeconds.toFixed(1)} CPU-s | Chromium ${run.browserSeconds.toFixed(1)} CPU-s (${percent(run.browserSeconds)})`,
    );
  }
}
const mean = (page: boolean, pick: (run: Run) => number) => {
  const chosen = runs.filter((run) => run.page === page);
  return chosen.reduce((sum, run) => sum + pick(run), 0) / chosen.length;
};
const without = mean(false, (run) => run.cloudSeconds);
const withPage = mean(true, (run) => run.cloudSeconds);
console.log(`cloud CPU during the seed: ${without.toFixed(1)} CPU-s without the page, ${withPage.toFixed(1)} CPU-s with it (${(((withPage - without) / without) * 100).toFixed(1)}%)`);
