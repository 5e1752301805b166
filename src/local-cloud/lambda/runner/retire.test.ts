import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { FunctionRunner } from './function-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'eventloom-retire-'));
const modulePath = join(dir, 'version.mjs');
const release = join(dir, 'release');
// Holds an invocation until the test creates the `release` file, then answers the code's version.
const version = (label: string) => `import { existsSync } from 'node:fs';
export const handler = async (event) => {
  while (event.hold && !existsSync(${JSON.stringify(release)})) await new Promise((resolve) => setTimeout(resolve, 10));
  return '${label}';
};
`;
const runner = new FunctionRunner();

afterAll(async () => {
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FunctionRunner.retire', () => {
  it('lets a running invocation finish on the old code, runs the next on the new, and stays busy until the old one ends', async () => {
    // Prepare: a warm sandbox, and an invocation held in a second one
    writeFileSync(modulePath, version('v1'));
    runner.register({ name: 'versioned', modulePath, exportName: 'handler', environment: {}, timeoutSeconds: 30, memoryMb: 128 });
    expect(await runner.invoke('versioned', {})).toMatchObject({ ok: true, payload: 'v1' });
    const held = runner.invoke('versioned', { hold: true });
    await waitFor(() => runner.busy().length === 1, { description: 'the held invocation running' });

    // Act
    writeFileSync(modulePath, version('v2'));
    runner.retire('versioned');

    // Assess
    expect(await runner.invoke('versioned', {})).toMatchObject({ ok: true, payload: 'v2', coldStart: true });
    expect(runner.busy()).toEqual(['function versioned: 1 invocation running on its previous code']);
    writeFileSync(release, '');
    expect(await held).toMatchObject({ ok: true, payload: 'v1' });
    expect(runner.busy()).toEqual([]);
  });
});
