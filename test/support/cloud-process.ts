import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { waitFor } from './wait-for.ts';

export interface CloudProcess {
  readonly child: ChildProcess;
  readonly env: Record<string, string>;
  output(): string;
  /** PIDs of the processes this one started (the DynamoDB Local JVM). */
  childPids(): number[];
}

export interface CloudProcessOptions {
  /** Start it in a process group of its own (kill it whole with `process.kill(-pid)`). Default false. */
  detached?: boolean;
  /** Variables added to the environment (LOG_LEVEL is `error` unless given). */
  env?: Record<string, string>;
  /** How long to wait for the ready line; default 60 s. */
  readyTimeoutMs?: number;
}

/** Starts `eventloom up` as a child process, as a user would, and waits for its ready line. */
export async function startCloudProcess(args: string[], envFile: string, options: CloudProcessOptions = {}): Promise<CloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'up', ...args, '--write-env', envFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'error', ...options.env },
    detached: options.detached ?? false,
  });
  const output = collectOutput(child);
  try {
    await untilReady(child, output, { timeoutMs: options.readyTimeoutMs ?? 60_000, description: 'eventloom ready' });
  } catch (error) {
    // Never leave a cloud that did not come up running: it (and its JVM, by pdeathsig) goes now.
    if (child.exitCode === null) process.kill(options.detached ? -child.pid! : child.pid!, 'SIGKILL');
    throw error;
  }
  const env = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  return {
    child,
    env,
    output,
    childPids: () =>
      spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number),
  };
}

/** Everything a child prints on stdout and stderr, as it comes. */
export function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

/** Waits for `eventloom up`'s ready line; throws with the output if the process exits first. */
export async function untilReady(child: ChildProcess, output: () => string, options: { timeoutMs: number; description: string }): Promise<void> {
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`${options.description}: the process exited with ${child.exitCode}:\n${output()}`);
      return /eventloom ready in [\d.]+s/.test(output());
    },
    { timeoutMs: options.timeoutMs, intervalMs: 100, description: options.description },
  );
}

/** Whether the process runs: an exited one its parent has not reaped yet (a zombie, e.g. once reparented to a
 * container's init that never reaps) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
