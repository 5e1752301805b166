import { enrichmentApp } from '../src/apps/enrichment/topology.ts';
import { EnrichmentClient, type RequestView } from '../src/apps/enrichment/scripts/client.ts';
import { generateContacts } from '../src/apps/enrichment/scripts/contacts-file.ts';
import { startLocalCloud } from '../src/local-cloud/cloud.ts';
import { silentLogger } from '../src/platform/log.ts';
import { withBaseline } from './baseline.ts';

export interface EnrichmentBenchOptions {
  /** Writes (and writes in flight) of the raw PutItem baseline. */
  items: number;
  concurrency: number;
  /** Run (a): `thousands × 1,000 + 1` contacts with no mock latency. */
  thousands: number;
  /** Run (b): `slowThousands × 1,000 + 1` contacts with the reference's 500 ms per batch. */
  slowThousands: number;
  /** Batch workers at once in both runs (the reference's 3). */
  workerConcurrency: number;
}

const FAST = 'benchenrich';
const SLOW = 'benchenrichslow';
const LATENCY_MS = 500;
const FIELDS = ['professional_email', 'personal_phone'];

/**
 * The enrichment app end to end on the local cloud: (a) seconds from POST /enrichment (of an
 * uploaded file) to `completed` with a zero-latency mock, contacts/s and batches/s against raw
 * PutItem/s; (b) with 500 ms per batch, the measured time against the floor batches × latency /
 * concurrency. Each app first runs a 1,000-contact request, so cold starts are not measured.
 */
export async function benchEnrichment(options: EnrichmentBenchOptions): Promise<void> {
  process.env.LOG_LEVEL ??= 'error';
  await withBaseline(options.items, options.concurrency, async ({ endpoint, putsPerSecond }) => {
    const apps = [
      enrichmentApp({ name: FAST, workerConcurrency: options.workerConcurrency, mockApi: { latencyMs: 0 } }),
      enrichmentApp({ name: SLOW, workerConcurrency: options.workerConcurrency, mockApi: { latencyMs: LATENCY_MS } }),
    ];
    const cloud = await startLocalCloud({ apps, port: 0, dynamoDbEndpoint: endpoint, logger: silentLogger });
    try {
      const fast = new EnrichmentClient(cloud.apiUrl(FAST, 'api'));
      await run(fast, generateContacts(1).map((c) => ({ ...c, last_name: `${c.last_name}-warm` })), true);
      const a = await run(fast, generateContacts(options.thousands), true);
      const batchesPerSecond = a.view.totalBatches / a.seconds;
      console.log(`enrichment, mock latency 0:        ${a.seconds.toFixed(1)} s POST → completed  (${a.view.contactCount.toLocaleString('en-US')} contacts, ${a.view.totalBatches} batches, ${options.workerConcurrency} workers)`);
      console.log(`  throughput:                      ${Math.round(a.view.contactCount / a.seconds).toLocaleString('en-US')} contacts/s, ${batchesPerSecond.toFixed(1)} batches/s`);
      console.log(`  POST /enrichment (upload key):   ${a.apiMs} ms  (validate + hash + store input + record + queue the split; the upload itself not counted)`);
      console.log(`  ratio batches/s / raw PutItem/s: ${(batchesPerSecond / putsPerSecond).toFixed(3)}  (a batch = 1 part PutObject, 1 two-item transaction, 3 GetItem)`);

      const slow = new EnrichmentClient(cloud.apiUrl(SLOW, 'api'));
      await run(slow, generateContacts(1).map((c) => ({ ...c, last_name: `${c.last_name}-warm` })), false);
      const b = await run(slow, generateContacts(options.slowThousands), false);
      const floor = (b.view.totalBatches * LATENCY_MS) / 1000 / options.workerConcurrency;
      console.log(`enrichment, mock latency ${LATENCY_MS} ms:   ${b.seconds.toFixed(1)} s POST → completed  (${b.view.contactCount.toLocaleString('en-US')} contacts, ${b.view.totalBatches} batches, ${options.workerConcurrency} workers)`);
      console.log(`  floor (batches × latency / concurrency): ${floor.toFixed(1)} s   ratio measured / floor: ${(b.seconds / floor).toFixed(2)}`);
    } finally {
      await cloud.stop();
    }
  });
}

/** Creates a request (uploading the file first when asked) and polls until it settles; times POST → completed. */
async function run(api: EnrichmentClient, contacts: unknown[], upload: boolean): Promise<{ seconds: number; apiMs: number; view: RequestView }> {
  let reference: unknown = contacts;
  if (upload) {
    const target = (await api.createUpload()).body;
    await api.upload(target, JSON.stringify({ contacts }));
    reference = target.key;
  }
  const started = performance.now();
  const answer = await api.create({ contacts: reference, fields_to_enrich: FIELDS });
  const apiMs = Math.round(performance.now() - started);
  if (answer.status !== 202 || answer.body.deduplicated) throw new Error(`POST /enrichment answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    const { body: view } = await api.get(answer.body.requestId);
    if (view.status === 'completed') return { seconds: (performance.now() - started) / 1000, apiMs, view };
    if (view.status === 'failed') throw new Error(`request ${view.requestId} failed`);
    if (Date.now() > deadline) throw new Error(`request ${view.requestId} still processing after 20 min (${view.processedBatches}/${view.totalBatches})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

