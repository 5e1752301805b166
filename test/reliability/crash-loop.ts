import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../src/local-cloud/free-port.ts';
import { isAlive, startCloudProcess, type CloudProcess } from '../support/cloud-process.ts';
import { waitFor } from '../support/wait-for.ts';

/** How a kill is made: SIGKILL to the cloud's whole process group, or to its node process alone (the JVM then dies by pdeathsig). */
export type KillStyle = 'group' | 'node';

export interface CrashLoopOptions {
  /** Kills during seeds before the last, uninterrupted run. */
  readonly kills: number;
  /** The style of each kill, in turn (repeated as needed). */
  readonly styles: readonly KillStyle[];
  /** `eventloom up --apps <module>`; undefined runs every registered app, as `npm start` does. */
  readonly appsModule?: string;
  /** A kill lands between these many milliseconds into a seed run. */
  readonly killWindowMs: readonly [number, number];
  /** `eventloom seed --timeout` of each run. */
  readonly seedTimeoutSeconds: number;
  /** Seed runs after the last restart before giving up on the system settling. */
  readonly maxFinalSeedRuns: number;
  /** Extra environment of the cloud (e.g. the payment gateway's settings). */
  readonly cloudEnv?: Record<string, string>;
  /** Default Math.random; the chosen kill points are in the report either way. */
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

export interface KillRecord {
  readonly style: KillStyle;
  /** Milliseconds into its seed run. */
  readonly atMs: number;
  /** Whether that seed run had already ended (the saga may still have been running). */
  readonly seedHadEnded: boolean;
}

export interface CrashLoop {
  readonly kills: readonly KillRecord[];
  /** Milliseconds from spawn to ready, for every start (the first included). */
  readonly startsMs: readonly number[];
  /** Seed runs after the last restart, and the exit code of the last one (0: settled, invariant held). */
  readonly finalSeedRuns: number;
  readonly finalSeedExit: number | null;
  readonly finalSeedOutput: string;
  /** The running cloud after the loop; `stop()` ends it (SIGTERM) and reports its exit code. */
  readonly cloud: CloudProcess;
  /** Every DynamoDB Local PID any start of the cloud had. */
  readonly jvmPids: readonly number[];
  readonly dataDir: string;
  readonly totalMs: number;
  stop(): Promise<number | null>;
  /** Kills whatever is still running (by PID) and removes the data directory; safe to call twice. */
  dispose(): void;
}

const REPO_ROOT = join(import.meta.dirname, '../..');

/**
 * Issue 15's crash test, automated: `eventloom up` as a child process in its own process group on a
 * fixed port and data directory, `eventloom seed` against it, `kill -9` at a random point of the
 * seed, restart on the same directory, `seed` again, … then a last run that is not interrupted,
 * re-run until the seed reports every order settled with the stock invariant holding. The caller
 * checks the invariants (ecommerce-check.ts) on the cloud left running, then stops it.
 */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoop> {
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'eventloom-crash-loop-'));
  const port = await freePortPair();
  const args = ['--port', String(port), '--data-dir', join(dataDir, 'data'), ...(options.appsModule ? ['--apps', options.appsModule] : [])];
  const envFile = join(dataDir, '.env');
  const clouds: CloudProcess[] = [];
  const seeds: ChildProcess[] = [];
  const jvmPids = new Set<number>();
  const startsMs: number[] = [];
  const kills: KillRecord[] = [];

  const start = async (): Promise<CloudProcess> => {
    const begun = Date.now();
    const cloud = await startCloudProcess(args, envFile, { detached: true, readyTimeoutMs: 120_000, ...(options.cloudEnv && { env: options.cloudEnv }) });
    clouds.push(cloud);
    startsMs.push(Date.now() - begun);
    for (const pid of cloud.childPids()) jvmPids.add(pid);
    return cloud;
  };
  const dispose = () => {
    for (const seed of seeds) if (seed.exitCode === null && seed.signalCode === null) seed.kill('SIGKILL');
    for (const cloud of clouds) {
      for (const pid of [cloud.child.pid!, ...cloud.childPids()]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    for (let round = 0; round < options.kills; round++) {
      const cloud = await start();
      const style = options.styles[round % options.styles.length]!;
      const [earliest, latest] = options.killWindowMs;
      const atMs = Math.round(earliest + random() * (latest - earliest));
      const seed = runSeed(cloud.env, options.seedTimeoutSeconds, seeds);
      // The kill point is the experiment, not a wait for something: a plain timer is what it takes.
      const seedHadEnded = await Promise.race([seed.done.then(() => true), delay(atMs).then(() => false)]);
      const ownJvms = cloud.childPids();
      process.kill(style === 'group' ? -cloud.child.pid! : cloud.child.pid!, 'SIGKILL');
      seed.child.kill('SIGKILL');
      kills.push({ style, atMs, seedHadEnded });
      log(`kill ${round + 1}/${options.kills}: ${style}, ${atMs} ms into the seed${seedHadEnded ? ' (the seed had ended)' : ''}`);
      await waitFor(() => cloud.child.exitCode !== null || cloud.child.signalCode !== null, { timeoutMs: 10_000, description: 'the killed cloud to exit' });
      await waitFor(() => ownJvms.every((pid) => !isAlive(pid)), { timeoutMs: 15_000, description: 'DynamoDB Local to die with the cloud' });
    }

    const cloud = await start();
    let finalSeedRuns = 0;
    let last: { exitCode: number | null; output: string } = { exitCode: null, output: '' };
    while (finalSeedRuns < options.maxFinalSeedRuns) {
      finalSeedRuns++;
      last = await runSeed(cloud.env, options.seedTimeoutSeconds, seeds).done;
      log(`final seed run ${finalSeedRuns}: exit ${last.exitCode}`);
      if (last.exitCode === 0) break;
    }
    const stop = async () => {
      const jvms = cloud.childPids();
      cloud.child.kill('SIGTERM');
      await waitFor(() => cloud.child.exitCode !== null || cloud.child.signalCode !== null, { timeoutMs: 20_000, description: 'a clean stop on SIGTERM' });
      await waitFor(() => jvms.every((pid) => !isAlive(pid)), { timeoutMs: 15_000, description: 'DynamoDB Local to stop with the cloud' });
      return cloud.child.exitCode;
    };
    return {
      kills,
      startsMs,
      finalSeedRuns,
      finalSeedExit: last.exitCode,
      finalSeedOutput: last.output,
      cloud,
      jvmPids: [...jvmPids],
      dataDir,
      totalMs: Date.now() - started,
      stop,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** DynamoDB Local's processes still running on this data directory (there must be none once the cloud is gone). */
export function jvmsOn(dataDir: string): number[] {
  const found = spawnSync('pgrep', ['-f', `dbPath ${dataDir}`], { encoding: 'utf8' }).stdout;
  return found.split('\n').filter(Boolean).map(Number);
}

/** `eventloom seed` against the cloud's URLs, as a child process of its own. */
function runSeed(env: Record<string, string>, timeoutSeconds: number, seeds: ChildProcess[]): { child: ChildProcess; done: Promise<{ exitCode: number | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'seed', '--timeout', String(timeoutSeconds)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  seeds.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ exitCode: number | null; output: string }>((resolve) => child.once('close', (exitCode) => resolve({ exitCode, output })));
  return { child, done };
}

/** A port whose successor is free too (`up --port P` puts DynamoDB Local on P + 1). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port < 65_535 && (await isFree(port + 1))) return port;
  }
  throw new Error('no two consecutive free ports found');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
