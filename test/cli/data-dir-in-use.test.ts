import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCloud, type Cloud } from '../../src/index.ts';
import { collectOutput } from '../support/cloud-process.ts';

const TEMPLATE = 'test/settle/fixture/template.yaml';

describe('a second eventloom on a data folder in use', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-in-use-'));
  const dataDir = join(root, 'data');
  let first: Cloud | undefined;

  afterAll(async () => {
    await first?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('`up` exits 1 with one line naming the running one’s PID and --data-dir, and starts nothing', { timeout: 120_000 }, async () => {
    first = await startCloud({ template: TEMPLATE, dataDir, log: () => undefined });

    const second = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'up', '--template', TEMPLATE, '--port', '0', '--data-dir', dataDir, '--write-env', join(root, '.env'), '--no-watch'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'error' },
    });
    const output = collectOutput(second);
    const code = await new Promise<number | null>((done) => second.on('close', done));

    expect(code, output()).toBe(1);
    expect(output().trim().split('\n'), output()).toHaveLength(1);
    expect(output()).toMatch(new RegExp(`^eventloom: The data folder .* is in use by another eventloom \\(PID ${process.pid}\\)\\..*--data-dir <dir>`));
    expect(existsSync(join(root, '.env'))).toBe(false);
  });

  it('once the first stops, the folder is free and its lock gone', { timeout: 120_000 }, async () => {
    await first?.stop();
    first = undefined;

    const again = await startCloud({ template: TEMPLATE, dataDir, log: () => undefined });
    await again.stop();

    expect(existsSync(join(dataDir, 'eventloom.pid'))).toBe(false);
  });
});
