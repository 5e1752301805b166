import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectOutput, isAlive, untilReady } from '../support/cloud-process.ts';
import { commandOf, descendants } from '../support/process-tree.ts';
import { waitFor } from '../support/wait-for.ts';

const TEMPLATE = 'test/settle/fixture/template.yaml';

interface NpmStart {
  npm: ChildProcess;
  output: () => string;
}

const upArgs = (root: string) => ['--template', TEMPLATE, '--port', '0', '--data-dir', join(root, 'data'), '--write-env', join(root, '.env')];

/** `npm start -- --template …` as a developer runs it, until its ready line. */
async function npmStart(root: string): Promise<NpmStart> {
  const npm = spawn('npm', ['start', '--', ...upArgs(root)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
  const output = collectOutput(npm);
  await untilReady(npm, output, { timeoutMs: 90_000, description: 'npm start to be ready' });
  return { npm, output };
}

describe('a signal to the PID of `npm start` stops the cloud and its JVM', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-signals-'));
  const started: number[] = [];

  afterAll(() => {
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  // As npx runs a bin: `sh -c` forks the cloud's node and dies of the signal, so only the parent watch
  // tells node to stop — and it must be watching from the start of `up`, not only once the cloud is ready.
  it('SIGTERM to npm while the cloud starts, through a shell that does not pass it on: every process is gone', { timeout: 150_000 }, async () => {
    const command = ['node', '--import', 'tsx', 'src/cli/main.ts', 'up', ...upArgs(join(root, 'shell'))].join(' ');
    const npm = spawn('npm', ['exec', '--call', `${command}; exit $?`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
    const output = collectOutput(npm);
    started.push(npm.pid!);
    const jvm = await waitFor(() => descendants(npm.pid!).find((pid) => /DynamoDBLocal/.test(commandOf(pid))) ?? false, { timeoutMs: 60_000, description: 'the JVM to start' });
    const all = [npm.pid!, ...descendants(npm.pid!)];
    started.push(...all);
    expect(all.map(commandOf)).toContainEqual(expect.stringMatching(/^sh -c/));
    expect(all).toContain(jvm);

    process.kill(npm.pid!, 'SIGTERM');

    await waitFor(() => all.every((pid) => !isAlive(pid)) || expect(all.filter(isAlive).map(commandOf), output()).toEqual([]), {
      timeoutMs: 30_000,
      description: 'every process to exit',
    });
    expect(output()).toMatch(/npm exited (while starting: exiting|: stopping the local cloud)/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: npm, the cloud's node and the DynamoDB Local JVM are gone`, { timeout: 150_000 }, async () => {
      const { npm, output } = await npmStart(join(root, signal));
      const below = descendants(npm.pid!);
      started.push(npm.pid!, ...below);
      const jvm = below.find((pid) => /DynamoDBLocal/.test(commandOf(pid)));
      const cloud = below.find((pid) => /src\/cli\/main\.ts up/.test(commandOf(pid)));
      expect(jvm, 'the JVM below npm').toBeDefined();
      expect(cloud, "the cloud's node below npm").toBeDefined();

      process.kill(npm.pid!, signal);

      await waitFor(() => [npm.pid!, ...below].every((pid) => !isAlive(pid)), { timeoutMs: 30_000, description: `npm, node and the JVM to exit on ${signal}` });
      expect(output()).toContain(`${signal}: stopping the local cloud…`);
      expect(output()).toMatch(/stopped/);
    });
  }
});
