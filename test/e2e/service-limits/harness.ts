import { vi } from 'vitest';
import { serviceLimitsApp } from '../../../src/apps/service-limits/topology.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import { startTestCloud } from '../../support/cloud.ts';
import { waitFor } from '../../support/wait-for.ts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ServiceLimitsClient {
  readonly baseUrl: string;
  // Tests read answers field by field; a JSON body is untyped by nature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
}

export interface ServiceLimitsCloud {
  readonly cloud: LocalCloud;
  readonly api: ServiceLimitsClient;
  stop(): Promise<void>;
}

/** One local cloud per test file, running the app under its own name so files run in parallel. */
export async function startServiceLimits(name: string): Promise<ServiceLimitsCloud> {
  // The consumers log redeliveries ("already processed") at info.
  vi.stubEnv('LOG_LEVEL', 'error');
  const cloud = await startTestCloud({ apps: [serviceLimitsApp({ name })] });
  await warmUp(cloud, name);
  const api = client(cloud.apiUrl(name, 'api'));
  return {
    cloud,
    api,
    stop: async () => {
      await cloud.stop();
      vi.unstubAllEnvs();
    },
  };
}

export function client(baseUrl: string): ServiceLimitsClient {
  return {
    baseUrl,
    async request(method, path, body) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { 'content-type': 'application/json' };
      }
      const response = await fetch(`${baseUrl}${path}`, init);
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') && text !== '' ? JSON.parse(text) : text, headers: response.headers };
    },
  };
}

/** Creates an account, lowering its limit when `max` is given. */
export async function anAccount(api: ServiceLimitsClient, username: string, max?: number): Promise<{ id: string }> {
  const created = await api.request('POST', '/accounts', { username });
  if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}: ${JSON.stringify(created.body)}`);
  if (max !== undefined) await api.request('PUT', `/accounts/${created.body.id}`, { max_number_of_services: max });
  return created.body;
}

/** Both counters of the account: best-effort (`number_of_services`) and eventual (`count_value`). */
export async function counters(api: ServiceLimitsClient, accountId: string): Promise<{ bestEffort: number; eventual: number }> {
  const [account, counts] = await Promise.all([api.request('GET', `/accounts/${accountId}`), api.request('GET', `/counts/${accountId}`)]);
  return { bestEffort: account.body.number_of_services, eventual: counts.body[0].count_value };
}

/** Waits until the stream consumers brought the eventual counter to `expected` and hard-deleted every soft-deleted service. */
export async function waitForCounters(api: ServiceLimitsClient, accountId: string, expected: { bestEffort: number; eventual: number }): Promise<void> {
  await waitFor(async () => (await counters(api, accountId)).eventual === expected.eventual && (await counters(api, accountId)).bestEffort === expected.bestEffort, {
    timeoutMs: 20_000,
    intervalMs: 100,
    description: `counters ${JSON.stringify(expected)}`,
  });
}

/**
 * Brings the API's sandboxes (all its concurrency) and the consumers up before the tests, at most 3
 * cold starts at a time: a burst of requests on cold functions starts many sandboxes at once, which
 * on a small, busy machine can outlast the 10 s init limit.
 */
async function warmUp(cloud: LocalCloud, app: string): Promise<void> {
  const { runner } = cloud.services;
  const health = { rawPath: '/health', requestContext: { http: { method: 'GET' }, stage: '$default' } };
  const api = `${app}-api`;
  for (let running = 0; running < runner.concurrency(api); running = Math.min(runner.concurrency(api), running + 3)) {
    await Promise.all(Array.from({ length: Math.min(runner.concurrency(api), running + 3) }, () => runner.invoke(api, health)));
  }
  await Promise.all([`${app}-service-insert-counter`, `${app}-service-modify-counter`].map((fn) => runner.invoke(fn, { Records: [] })));
}
