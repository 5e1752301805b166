import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/local-cloud/inspector.ts';
import { isAlive, startCloudProcess, type CloudProcess } from '../support/cloud-process.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'crashtest';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `eventloom inspect <args>` to completion. */
function inspectCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'inspect', ...args], { timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('eventloom inspect', () => {
  const root = mkdtempSync(join(tmpdir(), 'eventloom-cli-inspect-'));
  const itemId = `inspect-${Date.now()}`;
  let cloud: CloudProcess;
  let jvms: number[] = [];
  let url: string;

  beforeAll(async () => {
    cloud = await startCloudProcess(['--port', '0', '--data-dir', join(root, 'data'), '--apps', 'test/fixtures/apps/pipeline-app.ts'], join(root, 'local.env'));
    jvms = cloud.childPids();
    url = cloud.env.EVENTLOOM_URL!;

    // One item through the whole pipeline: API → table → stream → pipe → bus → rule → queue → worker.
    const response = await fetch(`${cloud.env.ITEMS_API_BASE_URL}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: itemId, kind: 'work' }),
    });
    expect(response.status).toBe(202);
    await waitFor(
      async () => {
        const snapshot = (await (await fetch(`${url}/_eventloom/inspect`)).json()) as Snapshot;
        return snapshot.functions.some((f) => f.name === `${APP}-worker` && f.invocations > 0) && snapshot.recentEvents.length > 0;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: 'the item to reach the worker' },
    );
  }, 120_000);

  afterAll(async () => {
    if (cloud) {
      cloud.child.kill('SIGINT');
      await waitFor(() => cloud.child.exitCode !== null || cloud.child.signalCode !== null, { timeoutMs: 20_000, description: 'eventloom up to stop' }).catch(
        () => undefined,
      );
      for (const pid of [cloud.child.pid!, ...jvms]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('prints every section with the app’s resources', { timeout: 60_000 }, async () => {
    const result = await inspectCli(['--url', url]);

    expect(result.code).toBe(0);
    for (const section of ['Tables', 'Queues', 'Rules', 'Functions', 'Pipes', 'Recent events']) expect(result.stdout).toMatch(new RegExp(`^${section} \\(\\d+\\)$`, 'm'));
    for (const name of [`${APP}-items`, `${APP}-markers`, `${APP}-work`, `${APP}-workDlq`, `${APP}-toWorker`, `${APP}-worker`, `${APP}-api`]) {
      expect(result.stdout).toContain(name);
    }
    expect(result.stdout).toContain('ItemInserted');
  });

  it('prints the raw snapshot with --json, the same the HTTP endpoint serves', { timeout: 60_000 }, async () => {
    const result = await inspectCli(['--url', url, '--json']);

    expect(result.code).toBe(0);
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    expect(snapshot.tables).toEqual(expect.arrayContaining([`${APP}-items`, `${APP}-markers`]));
    const work = snapshot.queues.find((q) => q.name === `${APP}-work`);
    expect(work).toEqual({ name: `${APP}-work`, visible: expect.any(Number), inFlight: expect.any(Number), delayed: expect.any(Number), deadLetterQueue: `${APP}-workDlq` });
    expect(snapshot.queues.find((q) => q.name === `${APP}-workDlq`)).toMatchObject({ visible: 0, inFlight: 0 });
    expect(snapshot.rules).toContainEqual(expect.objectContaining({ bus: `${APP}-bus`, name: `${APP}-toWorker`, state: 'ENABLED' }));
    const worker = snapshot.functions.find((f) => f.name === `${APP}-worker`);
    expect(worker).toMatchObject({ invocations: expect.any(Number), errors: 0 });
    expect(worker!.invocations).toBeGreaterThan(0);
    expect(snapshot.recentEvents).toContainEqual(expect.objectContaining({ source: 'fixture.items', detailType: 'ItemInserted', matchedRules: [`${APP}-toWorker`] }));
    const served = (await (await fetch(`${url}/_eventloom/inspect`)).json()) as Snapshot;
    expect(served.tables).toEqual(snapshot.tables);
  });

  it('lists the events mentioning a key with --trace, and none for an unknown key', { timeout: 60_000 }, async () => {
    const [traced, unknown] = await Promise.all([inspectCli(['--url', url, '--trace', itemId]), inspectCli(['--url', url, '--trace', 'no-such-key'])]);

    expect(traced.code).toBe(0);
    const { key, events } = JSON.parse(traced.stdout) as { key: string; events: { bus: string; matchedRules: string[]; event: unknown }[] };
    expect(key).toBe(itemId);
    expect(events.length).toBeGreaterThan(0);
    for (const each of events) expect(JSON.stringify(each.event)).toContain(itemId);
    expect(events[0]).toMatchObject({ bus: `${APP}-bus`, matchedRules: [`${APP}-toWorker`] });
    expect(JSON.parse(unknown.stdout)).toEqual({ key: 'no-such-key', events: [] });
  });

  it('tells to run npm start when no local cloud answers', { timeout: 60_000 }, async () => {
    const result = await inspectCli(['--url', 'http://127.0.0.1:1']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^eventloom: No local cloud answers at http:\/\/127\.0\.0\.1:1 .*`npm start`/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
