import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloudError } from './errors.ts';
import { isProcessRunning } from './process-running.ts';

const LOCK_FILE = 'eventloom.pid';

/**
 * Makes `dataDir` this process's alone until the returned release runs: a second cloud on the same
 * folder would share DynamoDB Local's database file and fail on the Kinesis store's lock halfway
 * through its start. A lock left by a process that is gone (kill -9) is taken over. The lock names
 * the process and, on Linux, its start time, so a PID reused by an unrelated process does not count.
 */
export function lockDataDir(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new LocalCloudError(`The data folder ${dataDir} cannot be made (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Pass --data-dir <a writable folder> (startCloud: dataDir).`, { cause: error });
  }
  const path = join(dataDir, LOCK_FILE);
  const holder = readHolder(path);
  if (holder !== undefined && holder.pid !== process.pid && isSameProcessAlive(holder)) {
    throw new LocalCloudError(
      `The data folder ${dataDir} is in use by another eventloom (PID ${holder.pid}). Stop that one, or give this one a folder of its own: --data-dir <dir> (startCloud: dataDir).`,
    );
  }
  rmSync(path, { force: true });
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new LocalCloudError(`The data folder ${dataDir} was taken by another eventloom starting at the same moment. Pass --data-dir <dir>.`);
    throw new LocalCloudError(`The data folder ${dataDir} is not writable (${code ?? (error as Error).message}). Pass --data-dir <a writable folder> (startCloud: dataDir).`, { cause: error });
  }
  writeSync(fd, JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) }));
  closeSync(fd);
  return () => {
    if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
  };
}

/** `--fresh`: empties the folder, keeping this process's lock. */
export function emptyDataDir(dataDir: string): void {
  for (const entry of readdirSync(dataDir)) if (entry !== LOCK_FILE) rmSync(join(dataDir, entry), { recursive: true, force: true });
}

interface Holder {
  pid: number;
  startTime?: string;
}

function readHolder(path: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isSameProcessAlive(holder: Holder): boolean {
  if (!isProcessRunning(holder.pid)) return false;
  const startTime = startTimeOf(holder.pid);
  return holder.startTime === undefined || startTime === undefined || startTime === holder.startTime;
}

/** The process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22); undefined off Linux. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
