import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../../src/apps/service-limits/load/report.ts';
import { startServiceLimits, type ServiceLimitsCloud } from './harness.ts';

/** Below the integration project's 60 s test timeout, so the child is killed before the test gives up on it. */
const SCRIPT_TIMEOUT_MS = 50_000;
/** Children still running; afterEach kills them, so none outlives its test. */
const running = new Set<ChildProcess>();

/**
 * Runs `npm run load:service-limits` (its script, without npm) in a child process; resolves with its
 * exit code and output. The settle wait is capped at 30 s (the default 120 s outlasts the test).
 */
function runLoadScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/apps/service-limits/load/main.ts', '--settle-timeout', '30', ...args], {
      env: { ...process.env, SERVICE_LIMITS_API_BASE_URL: '' },
      signal: AbortSignal.timeout(SCRIPT_TIMEOUT_MS),
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('service-limits e2e: the load test script', () => {
  let app: ServiceLimitsCloud;
  beforeAll(async () => {
    app = await startServiceLimits('slload');
  });
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
    running.clear();
  });
  afterAll(() => app?.stop());

  it('runs a tiny constant-rate load, reports it as JSON, and sees both counters converge to 0', async () => {
    // Act
    const { code, stdout, stderr } = await runLoadScript(['--url', app.api.baseUrl, '--rate', '20', '--duration', '1', '--max-in-flight', '50', '--json']);
    // Assess
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as LoadReport;
    expect(report.iterations).toMatchObject({ scheduled: 20, started: 20, dropped: 0, succeeded: 20 });
    expect(report.requests).toMatchObject({ total: 40, failed: 0 });
    expect(report.latencyMs.overall.count).toBe(40);
    expect(report.convergence).toMatchObject({ converged: true, final: { bestEffort: 0, eventual: 0 }, accountDeleted: true });
    expect(report.maxLive).toBeGreaterThanOrEqual(1);
    expect(report.maxLive).toBeLessThanOrEqual(20);
    expect(report.maxOvershoot).toBe(0);
    expect(report.thresholds.filter((t) => t.owner === 'ours').every((t) => t.pass)).toBe(true);
    expect(stderr).toMatch(/due \d+ {2}started \d+/);
  });

  it('with a low --limit, counts a 409 as limited, not failed', async () => {
    // Concurrent creates may both pass the check (the design allows it), so the overshoot is reported, not asserted.
    const { stdout, stderr } = await runLoadScript(['--url', app.api.baseUrl, '--rate', '20', '--duration', '1', '--limit', '2', '--json']);
    const report = JSON.parse(stdout) as LoadReport;
    expect(report.requests.failed, stderr).toBe(0);
    expect(report.iterations.succeeded + report.iterations.limited).toBe(20);
    expect(report.limit).toBe(2);
    expect(report.maxOvershoot).toBe(Math.max(0, report.maxLive - 2));
    expect(report.convergence.converged).toBe(true);
  });

  it('names npm start in a one-line error when no URL is known', async () => {
    const { code, stderr } = await runLoadScript(['--rate', '1']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('npm start');
  });
});
