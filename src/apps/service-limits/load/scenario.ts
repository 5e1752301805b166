import { LatencyRecorder } from '../../../platform/load/latency.ts';
import { LiveServices } from './live-services.ts';

export const SERVICE_NAME = 'stress-test-service';
const REQUEST_TIMEOUT_MS = 30_000;

/** What the iterations measured: latency per request kind, failures, and the k6 `success_rate`. */
export class ScenarioMetrics {
  readonly create = new LatencyRecorder();
  readonly delete = new LatencyRecorder();
  requests = 0;
  failedRequests = 0;
  /** Creates refused with 409 when `--limit` is set (the limit doing its job). */
  limited = 0;
  succeededIterations = 0;
  iterations = 0;
  /** Services the API answered 201 for and not yet 200 to their delete: what the limit is judged by. */
  readonly live = new LiveServices();
  /** The first few distinct failure descriptions, for the report. */
  readonly failureSamples = new Map<string, number>();

  fail(description: string): void {
    this.failedRequests++;
    if (this.failureSamples.has(description) || this.failureSamples.size < 5) this.failureSamples.set(description, (this.failureSamples.get(description) ?? 0) + 1);
  }
}

interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

/** The HTTP calls of the scenario against one base URL. */
export function scenario(baseUrl: string) {
  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, ms: performance.now() - started };
  }

  return {
    /** setup(): the one shared account (a hot partition, deliberately), with its limit lowered when asked. */
    async createAccount(limit?: number): Promise<string> {
      const created = await call('POST', '/accounts/', { username: `testaccount-${Date.now()}` });
      const id = (created.body as { id?: string }).id;
      if (created.status !== 201 || !id) throw new Error(`setup: POST /accounts/ answered ${created.status} ${JSON.stringify(created.body)}`);
      if (limit !== undefined) {
        const updated = await call('PUT', `/accounts/${id}`, { max_number_of_services: limit });
        if (updated.status !== 200) throw new Error(`setup: PUT /accounts/${id} answered ${updated.status}`);
      }
      return id;
    },

    /** One iteration: create the service, then (if created) delete it. Never rejects: failures are counted. */
    async iteration(accountId: string, metrics: ScenarioMetrics, limitExpected: boolean): Promise<void> {
      metrics.iterations++;
      const created = await measured(metrics, metrics.create, 'POST /services/', () => call('POST', '/services/', { account_id: accountId, name: SERVICE_NAME }));
      if (!created) return;
      const service = created.body as { id?: string; account_id?: string };
      if (created.status === 409 && limitExpected) {
        metrics.limited++;
        return;
      }
      if (created.status === 201) metrics.live.created();
      if (created.status !== 201 || !service.id || service.account_id !== accountId) return metrics.fail(`POST /services/ → ${created.status}`);
      const deleted = await measured(metrics, metrics.delete, 'DELETE /services/{id}', () => call('DELETE', `/services/${service.id}?ownerAccountId=${accountId}`));
      if (!deleted) return;
      if (deleted.status !== 200) return metrics.fail(`DELETE /services/{id} → ${deleted.status}`);
      metrics.live.deleted();
      metrics.succeededIterations++;
    },

    /** Both counters of the account, or undefined when a read fails. */
    async counters(accountId: string): Promise<{ bestEffort: number; eventual: number } | undefined> {
      try {
        const [account, counts] = await Promise.all([call('GET', `/accounts/${accountId}`), call('GET', `/counts/${accountId}`)]);
        if (account.status !== 200 || counts.status !== 200) return undefined;
        const [count] = counts.body as { count_value: number }[];
        return { bestEffort: (account.body as { number_of_services: number }).number_of_services, eventual: count?.count_value ?? 0 };
      } catch {
        return undefined;
      }
    },

    /** Brings `sandboxes` API sandboxes up before the clock starts (k6 has no cold starts to pay; Lambda does). */
    async warmUp(sandboxes: number): Promise<void> {
      await Promise.all(Array.from({ length: sandboxes }, () => call('GET', '/health').catch(() => undefined)));
    },

    /** Soft-deletes the live services failed iterations left behind (a create that timed out may still have happened); how many. */
    async deleteLiveServices(accountId: string): Promise<number> {
      try {
        const answer = await call('DELETE', `/accounts/${accountId}/services`);
        return answer.status === 200 ? ((answer.body as { deleted?: number }).deleted ?? 0) : 0;
      } catch {
        return 0;
      }
    },

    /** Deletes the account: 200 only once no service item is left, i.e. the consumers processed every record. */
    async deleteAccount(accountId: string): Promise<number> {
      try {
        return (await call('DELETE', `/accounts/${accountId}`)).status;
      } catch {
        return 0;
      }
    },
  };
}
export type Scenario = ReturnType<typeof scenario>;

async function measured(metrics: ScenarioMetrics, recorder: LatencyRecorder, label: string, request: () => Promise<Answer>): Promise<Answer | undefined> {
  metrics.requests++;
  const started = performance.now();
  try {
    const answer = await request();
    recorder.record(answer.ms);
    return answer;
  } catch (error) {
    recorder.record(performance.now() - started);
    metrics.fail(`${label} → ${error instanceof Error ? error.name : 'error'}`);
    return undefined;
  }
}
