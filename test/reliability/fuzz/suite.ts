import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apps as startedApps } from '../../../src/apps/index.ts';
import { dispensaryApp } from '../../../src/apps/dispensary/topology.ts';
import { ecommerceApp } from '../../../src/apps/ecommerce/topology.ts';
import { enrichmentApp } from '../../../src/apps/enrichment/topology.ts';
import { serviceLimitsApp } from '../../../src/apps/service-limits/topology.ts';
import type { LocalCloud } from '../../../src/local-cloud/cloud.ts';
import type { AppDef } from '../../../src/platform/topology/types.ts';
import { startTestCloud } from '../../support/cloud.ts';
import { waitFor } from '../../support/wait-for.ts';
import { dispensaryControl, ecommerceControl, enrichmentControl, serviceLimitsControl, type ApiUrl } from './controls.ts';
import { call, callOk, type Answer } from './http.ts';
import { ISSUE_REQUESTS } from './issue-requests.ts';
import { requestArbitrary, type FuzzRequest } from './requests.ts';
import { routeSpecs, type FuzzContext, type RouteSpec } from './routes.ts';

export interface FuzzSuiteOptions {
  /** Name of the suite in the report. */
  readonly variant: string;
  /** Requests per route unless FUZZ_RUNS says otherwise. */
  readonly runsPerRoute: number;
}

/** The apps under fuzz, under names of their own (so the file shares DynamoDB Local with others), by the name `npm start` gives them. */
const FUZZED = {
  ecommerce: (name: string) => ecommerceApp({ name, paymentGateway: { mode: 'accept' } }),
  enrichment: (name: string) => enrichmentApp({ name, mockApi: { latencyMs: 0, seed: 'fuzz' }, retry: { attempts: 3, initialDelayMs: 5 } }),
  dispensary: (name: string) => dispensaryApp({ name }),
  'service-limits': (name: string) => serviceLimitsApp({ name }),
} as const satisfies Record<string, (name: string) => unknown>;
type FuzzedApp = keyof typeof FUZZED;

const CONTROLS: Record<FuzzedApp, (url: ApiUrl) => Promise<string>> = {
  ecommerce: ecommerceControl,
  enrichment: enrichmentControl,
  dispensary: dispensaryControl,
  'service-limits': serviceLimitsControl,
};

/** A route of a topology: which app and API serve it. `$default` (service-limits' trailing-slash catch-all) has no path of its own: the other routes' fuzz reaches it. */
interface TopologyRoute {
  readonly app: FuzzedApp;
  readonly api: string;
  readonly key: string;
  /** The physical name of the function behind it. */
  readonly functionName: string;
}

const appName = (app: FuzzedApp) => `fz${app.replace('-', '')}`;

function topologyRoutes(): TopologyRoute[] {
  return (Object.keys(FUZZED) as FuzzedApp[]).flatMap((app) =>
    Object.entries((FUZZED[app](appName(app)) as AppDef).httpApis ?? {}).flatMap(([api, def]) => def.routes.filter(({ route }) => route !== '$default').map((route) => ({ app, api, key: route.route, functionName: `${appName(app)}-${route.function}` }))),
  );
}

const ALLOWED_STATUSES = new Set([200, 201, 202, 204, 400, 404, 405, 409, 413, 414, 431]);

/** The field paths a 400 names, in either spelling the apps use (`errors[].path`, `issues[].field`). */
function namedFields(answer: Answer): string[] | undefined {
  const body = answer.json as { errors?: { path?: unknown }[]; issues?: { field?: unknown }[] } | undefined;
  const list = body?.errors ?? body?.issues;
  if (!Array.isArray(list)) return undefined;
  return list.map((issue) => String((issue as { path?: unknown }).path ?? (issue as { field?: unknown }).field ?? ''));
}

/** No 5xx; a 400 names fields of the request, among them one made hostile when any was. */
function checkAnswer(request: FuzzRequest, answer: Answer): void {
  const context = `${request.method} ${request.path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(ALLOWED_STATUSES.has(answer.status), context).toBe(true);
  if (answer.status !== 400) return;
  const named = namedFields(answer);
  expect(named, `a 400 without field paths: ${context}`).toBeDefined();
  const heads = named!.map((path) => path.split('.')[0]!);
  expect(heads.length, context).toBeGreaterThan(0);
  for (const head of heads) expect(request.known, `a 400 naming "${head}", not a field of the request: ${context}`).toContain(head);
  if (request.hostile.length > 0) expect(heads.some((head) => head === '' || head === 'body' || request.hostile.includes(head)), `a 400 naming none of ${request.hostile.join(', ')}: ${context}`).toBe(true);
}

/**
 * Cold-starts every function behind a route, two at a time, until each answers (an API invoked with
 * `{}` answers 400 or 404: no side effect). On a loaded machine a cold start can outlast the 10 s
 * init limit, which the gateway reports as a 500, as API Gateway would: that is the machine, not the
 * app, so it is paid here, before the fuzz counts statuses.
 */
async function warmUp(cloud: LocalCloud, functionNames: string[]): Promise<void> {
  const pending = [...functionNames];
  const lane = async () => {
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
      const functionName = name;
      await waitFor(async () => (await cloud.services.runner.invoke(functionName, {})).ok, { timeoutMs: 180_000, intervalMs: 100, description: `${functionName} warm` });
    }
  };
  await Promise.all([lane(), lane()]);
}

/** Creates what routes on existing resources need: dispenses, accounts with a service. */
async function createContext(cloud: LocalCloud): Promise<FuzzContext> {
  const dispensary = cloud.apiUrl(appName('dispensary'), 'api');
  const limits = cloud.apiUrl(appName('service-limits'), 'api');
  const dispenseIds: string[] = [];
  const accountIds: string[] = [];
  const serviceIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    dispenseIds.push((await callOk<{ id: string }>(`${dispensary}/dispenses`, 'POST', 201, {})).id);
    const account = await callOk<{ id: string }>(`${limits}/accounts`, 'POST', 201, { username: `fuzz-${i}` });
    accountIds.push(account.id);
    serviceIds.push((await callOk<{ id: string }>(`${limits}/services`, 'POST', 201, { account_id: account.id, name: `fuzz-${i}` })).id);
  }
  return { dispenseIds, accountIds, serviceIds };
}

/**
 * The property-based fuzz of every HTTP route of every app (issue 15, Deliver 6), on one local cloud
 * running them all: valid-ish and hostile paths, queries and bodies through real HTTP; no 5xx, every
 * 400 names the field; then a control request per app still completes end to end.
 */
export function describeFuzzSuite(options: FuzzSuiteOptions): void {
  const runs = Number(process.env.FUZZ_RUNS ?? options.runsPerRoute);
  const seed = Number(process.env.FUZZ_SEED ?? 15);
  const routes = topologyRoutes();
  const tally = { requests: 0, byStatus: new Map<number, number>(), started: Date.now() };

  describe(`fuzz of every app route (${options.variant}: ${runs} runs per route, seed ${seed})`, () => {
    let cloud: LocalCloud;
    let specs: Readonly<Record<string, RouteSpec>>;

    beforeAll(async () => {
      // Only a 500's log (a bug) is worth reading here.
      vi.stubEnv('LOG_LEVEL', 'error');
      cloud = await startTestCloud({ apps: (Object.keys(FUZZED) as FuzzedApp[]).map((app) => FUZZED[app](appName(app)) as AppDef), queueOverrides: { visibilityTimeoutSeconds: 2 } });
      await warmUp(cloud, [...new Set(routes.map((route) => route.functionName))]);
      specs = routeSpecs(await createContext(cloud));
    }, 600_000);

    afterAll(async () => {
      const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
      console.error(`fuzz (${options.variant}): ${routes.length} routes, ${tally.requests} requests in ${((Date.now() - tally.started) / 1_000).toFixed(1)} s (${statuses})`);
      await cloud?.stop();
      vi.unstubAllEnvs();
    }, 120_000);

    it('covers every app that serves HTTP, and every route of their topologies has a fuzz arbitrary', () => {
      const served = startedApps.filter((app) => Object.keys(app.httpApis ?? {}).length > 0).map((app) => app.name);
      expect(served.sort()).toEqual(Object.keys(FUZZED).sort());
      const declared = routes.map(({ app, key }) => `${app} ${key}`).sort();
      expect(Object.keys(specs).sort()).toEqual(declared);
    });

    routes.forEach(({ app, api, key }, index) => {
      it(`${app} ${key}`, async () => {
        const base = cloud.apiUrl(appName(app), api);
        await fc.assert(
          fc.asyncProperty(requestArbitrary(key, specs[`${app} ${key}`]!), async (request) => {
            const query = new URLSearchParams(request.query).toString();
            const answer = await call(`${base}${request.path}${query ? `?${query}` : ''}`, request.method, request.body);
            tally.requests++;
            tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
            checkAnswer(request, answer);
          }),
          // No shrinking: each step is a request; the failing one is reported as generated.
          { numRuns: runs, seed: seed + index, endOnFailure: true },
        );
      }, 600_000);
    });

    it.each(ISSUE_REQUESTS)('$name → $status', async (issue) => {
      const base = cloud.apiUrl(appName(issue.app), issue.api);
      const dispense = issue.path.includes('{dispense}') ? (await callOk<{ id: string }>(`${base}/dispenses`, 'POST', 201, {})).id : '';
      const answer = await call(`${base}${issue.path.replace('{dispense}', dispense)}`, issue.method, issue.body);
      expect(answer.status, answer.text.slice(0, 300)).toBe(issue.status);
      if (issue.field) expect(namedFields(answer)?.map((path) => path.split('.')[0])).toContain(issue.field);
    });

    it.each(Object.keys(FUZZED) as FuzzedApp[])('%s still completes a control request end to end after the fuzz', async (app) => {
      expect(await CONTROLS[app]((api) => cloud.apiUrl(appName(app), api))).toBeTruthy();
    }, 180_000);
  });
}
