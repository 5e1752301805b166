import { setTimeout as sleep } from 'node:timers/promises';
import { runConstantRate, type RateProgress } from '../../../platform/load/constant-rate.ts';
import { LatencyRecorder } from '../../../platform/load/latency.ts';
import { DEFAULT_MAX_NUMBER_OF_SERVICES } from '../accounts/schemas.ts';
import { limitOvershoot } from './live-services.ts';
import type { LoadOptions } from './options.ts';
import { withThresholds, type Counters, type LoadReport } from './report.ts';
import { scenario, ScenarioMetrics } from './scenario.ts';

const SAMPLE_INTERVAL_MS = 250;
/** The local cloud's default concurrency per function. */
const WARM_SANDBOXES = 10;

/** Runs the load test and the convergence wait; `progress` receives one line a second. */
export async function runLoadTest(options: LoadOptions, progress: (line: string) => void): Promise<LoadReport> {
  const api = scenario(options.baseUrl);
  await api.warmUp(WARM_SANDBOXES);
  const accountId = await api.createAccount(options.limit);
  const limit = options.limit ?? DEFAULT_MAX_NUMBER_OF_SERVICES;
  const metrics = new ScenarioMetrics();
  const maxObserved = { bestEffort: 0, eventual: 0 };
  let latest: Counters | undefined;
  const sampler = sampleCounters(async () => {
    latest = await api.counters(accountId);
    if (!latest) return;
    maxObserved.bestEffort = Math.max(maxObserved.bestEffort, latest.bestEffort);
    maxObserved.eventual = Math.max(maxObserved.eventual, latest.eventual);
  });

  const started = performance.now();
  const result = await runConstantRate({
    ratePerSecond: options.rate,
    durationSeconds: options.durationSeconds,
    maxInFlight: options.maxInFlight,
    iteration: () => api.iteration(accountId, metrics, options.limit !== undefined),
    onProgress: (p) => progress(progressLine(p, metrics, latest)),
  });
  const runSeconds = (performance.now() - started) / 1_000;
  const convergence = await waitForConvergence(api, accountId, options.settleTimeoutSeconds, progress);
  await sampler.stop();

  const overall = LatencyRecorder.merge(metrics.create, metrics.delete);
  return withThresholds({
    target: options.baseUrl,
    rate: options.rate,
    durationSeconds: options.durationSeconds,
    maxInFlight: options.maxInFlight,
    iterations: { scheduled: result.scheduled, started: result.started, completed: result.completed, dropped: result.dropped, succeeded: metrics.succeededIterations, limited: metrics.limited },
    achievedRate: result.achievedRate,
    requestRate: metrics.requests / runSeconds,
    latencyMs: { create: metrics.create.summary(), delete: metrics.delete.summary(), overall: overall.summary() },
    requests: { total: metrics.requests, failed: metrics.failedRequests, errorRate: metrics.requests === 0 ? 0 : metrics.failedRequests / metrics.requests, failures: Object.fromEntries(metrics.failureSamples) },
    successRate: metrics.iterations === 0 ? 0 : (metrics.succeededIterations + metrics.limited) / metrics.iterations,
    limit,
    maxLive: metrics.live.maxLive,
    maxOvershoot: limitOvershoot(metrics.live.maxLive, limit),
    maxObserved,
    convergence,
  });
}

function sampleCounters(sample: () => Promise<void>): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await sleep(SAMPLE_INTERVAL_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Polls until both counters read 0 and the account can be deleted: the delete succeeds only when no
 * service item is left, i.e. the consumers have counted every service in and out, so 0 is final.
 * Each round first soft-deletes services left by failed iterations (a create whose answer timed
 * out may still have happened), as a k6 teardown would.
 */
async function waitForConvergence(api: ReturnType<typeof scenario>, accountId: string, timeoutSeconds: number, progress: (line: string) => void): Promise<LoadReport['convergence']> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1_000;
  let final: Counters | undefined;
  let orphansDeleted = 0;
  let lastLine = -1;
  while (elapsed() < timeoutSeconds) {
    orphansDeleted += await api.deleteLiveServices(accountId);
    final = await api.counters(accountId);
    if (final && final.bestEffort === 0 && final.eventual === 0 && (await api.deleteAccount(accountId)) === 200) {
      return { converged: true, seconds: elapsed(), final, orphansDeleted, accountDeleted: true };
    }
    if (Math.floor(elapsed()) > lastLine) {
      lastLine = Math.floor(elapsed());
      progress(`settling ${lastLine}s/${timeoutSeconds}s: best-effort ${final?.bestEffort ?? '?'}, eventual ${final?.eventual ?? '?'}, left-over services deleted ${orphansDeleted}`);
    }
    await sleep(SAMPLE_INTERVAL_MS);
  }
  return { converged: false, seconds: elapsed(), ...(final && { final }), orphansDeleted, accountDeleted: false };
}

function progressLine(p: RateProgress, metrics: ScenarioMetrics, counters: Counters | undefined): string {
  return [
    `${(p.elapsedMs / 1_000).toFixed(0)}s`,
    `due ${p.due}`,
    `started ${p.started}`,
    `done ${p.completed}`,
    `in-flight ${p.inFlight}`,
    `dropped ${p.dropped}`,
    `failed requests ${metrics.failedRequests}`,
    `live ${metrics.live.live} (max ${metrics.live.maxLive})`,
    `counters best-effort ${counters?.bestEffort ?? '?'} eventual ${counters?.eventual ?? '?'}`,
  ].join('  ');
}
