import { vi } from 'vitest';
import { enrichmentApp, type EnrichmentOptions } from '../../../src/apps/enrichment/topology.ts';
import { EnrichmentClient, type RequestView } from '../../../src/apps/enrichment/scripts/client.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { startTestCloud } from '../../support/cloud.ts';
import { waitFor } from '../../support/wait-for.ts';

export interface EnrichmentCloud {
  readonly cloud: LocalCloud;
  readonly api: EnrichmentClient;
  /** Polls GET /enrichment/{id} until the request leaves `processing`, and returns it. */
  settled(requestId: string, timeoutMs?: number): Promise<RequestView>;
  stop(): Promise<void>;
}

/** Fast settings: no mock latency, 3 attempts 5 ms apart. */
export const FAST: EnrichmentOptions = { mockApi: { latencyMs: 0, seed: 'e2e' }, retry: { attempts: 3, initialDelayMs: 5 } };

/**
 * One local cloud per test file running the enrichment app under its own name, with 2 s visibility
 * timeouts so a failed or crashed batch is redelivered within seconds.
 */
export async function startEnrichment(name: string, options: EnrichmentOptions = {}): Promise<EnrichmentCloud> {
  // Retried and dead messages are logged at warn/error; functions read LOG_LEVEL when they start.
  vi.stubEnv('LOG_LEVEL', 'silent');
  const cloud = await startTestCloud({ apps: [enrichmentApp({ ...FAST, ...options, name })], queueOverrides: { visibilityTimeoutSeconds: 2 } });
  await warmUp(cloud);
  const api = new EnrichmentClient(cloud.apiUrl(name, 'api'));
  return {
    cloud,
    api,
    settled: (requestId, timeoutMs = 30_000) =>
      waitFor(
        async () => {
          const { body } = await api.get(requestId);
          return body.status !== 'processing' && body;
        },
        { timeoutMs, intervalMs: 100, description: `request ${requestId} to settle` },
      ),
    stop: async () => {
      await cloud.stop();
      vi.unstubAllEnvs();
    },
  };
}

/**
 * Cold-starts every function, three at a time, with `{}` (an API answers 400 or 404, a worker gets no
 * records: no side effect), so the first request of a file does not pay six cold starts in a row.
 */
async function warmUp(cloud: LocalCloud): Promise<void> {
  const { runner } = cloud.services;
  const pending = runner.list();
  const lane = async () => {
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) await runner.invoke(name, {});
  };
  await Promise.all([lane(), lane(), lane()]);
}

/** `count` distinct contacts, numbered so order and uniqueness are checkable. */
export function contacts(count: number, tag = 'c'): { first_name: string; last_name: string; company_domain: string }[] {
  return Array.from({ length: count }, (_, n) => ({ first_name: `First${n}`, last_name: `${tag}-Last${n}`, company_domain: `company${n % 17}.example` }));
}

export const FIELDS = ['professional_email', 'personal_phone'];

/** What the SQS event source mapping of one of the app's functions has delivered so far. */
export function mappingStats(cloud: LocalCloud, functionName: string): { batches: number; records: number } {
  const deployed = cloud.apps[0]!;
  // Mappings are started in the order of the functions that declare triggers.
  const consumers = Object.entries(deployed.app.functions ?? {}).filter(([, fn]) => (fn.triggers ?? []).length > 0).map(([name]) => name);
  const source = deployed.eventSources[consumers.indexOf(functionName)];
  if (!source) throw new Error(`${functionName} has no event source mapping`);
  return source.stats as { batches: number; records: number };
}
