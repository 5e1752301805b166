import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/support/temp-dirs.ts';
import { emptyDataDir, lockDataDir } from './data-dir-lock.ts';

const dataDir = tempDirs('eventloom-lock-');
const children: number[] = [];

/** A live process other than this one, and its start time as /proc tells it. */
function otherProcess(): { pid: number; startTime: string } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child.pid!);
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  return { pid: child.pid!, startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]! };
}

afterEach(() => {
  for (const pid of children.splice(0)) process.kill(pid, 'SIGKILL');
});

describe('lockDataDir', () => {
  it.skipIf(process.platform !== 'linux')('refuses a folder a live eventloom holds, naming its PID and the fix', () => {
    const dir = dataDir();
    const holder = otherProcess();
    writeFileSync(join(dir, 'eventloom.pid'), JSON.stringify(holder));

    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another eventloom \\(PID ${holder.pid}\\).*--data-dir <dir>`));
  });

  it('takes over a lock whose process is gone (kill -9) and releases it', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'eventloom.pid'), JSON.stringify({ pid: 2 ** 22 + 7 }));

    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, 'eventloom.pid'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, 'eventloom.pid'))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('takes over a lock whose PID now belongs to a process started later', () => {
    const dir = dataDir();
    const other = otherProcess();
    writeFileSync(join(dir, 'eventloom.pid'), JSON.stringify({ pid: other.pid, startTime: '1' }));

    expect(() => lockDataDir(dir)).not.toThrow();
  });

  it('a damaged lock file does not block', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'eventloom.pid'), '{"pid": ');

    expect(() => lockDataDir(dir)).not.toThrow();
  });

  it('a folder that cannot be made is refused naming --data-dir', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'a-file'), '');

    expect(() => lockDataDir(join(dir, 'a-file', 'data'))).toThrow(/cannot be made \(ENOTDIR\)\. Pass --data-dir <a writable folder>/);
  });

  it('emptyDataDir (--fresh) keeps the lock', () => {
    const dir = dataDir();
    lockDataDir(dir);
    writeFileSync(join(dir, 'state.sqlite'), '');

    emptyDataDir(dir);

    expect(readdirSync(dir)).toEqual(['eventloom.pid']);
  });
});
