import { enrichmentApp } from '../src/apps/enrichment/topology.ts';
import { EnrichmentClient, type RequestView } from '../src/apps/enrichment/scripts/client.ts';
import { generateContacts } from '../src/apps/enrichment/scripts/contacts-file.ts';
import { outputItems } from '../src/apps/enrichment/scripts/output-items.ts';
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
      const sent = generateContacts(options.thousands);
      const a = await run(fast, sent, true);
      const batchesPerSecond = a.view.totalBatches / a.seconds;
      console.log(`enrichment, mock latency 0:        ${a.seconds.toFixed(1)} s POST → completed  (${a.view.contactCount.toLocaleString('en-US')} contacts, ${a.view.totalBatches} batches, ${options.workerConcurrency} workers)`);
      console.log(`  throughput:                      ${Math.round(a.view.contactCount / a.seconds).toLocaleString('en-US')} contacts/s, ${batchesPerSecond.toFixed(1)} batches/s`);
      console.log(`  POST /enrichment (upload key):   ${a.apiMs} ms  (validate + hash + store input + record + queue the split; the upload itself not counted)`);
      console.log(`  ratio batches/s / raw PutItem/s: ${(batchesPerSecond / putsPerSecond).toFixed(3)}  (a batch = 1 part PutObject, 1 two-item transaction, 3 GetItem)`);
      const verified = await verifyOutput(a.view, sent);
      console.log(`  output.json verified (streamed): ${verified.contacts.toLocaleString('en-US')} contacts, each once, in order, enriched  (${(verified.bytes / 1024 / 1024).toFixed(1)} MB)`);

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


/**
 * Downloads `output.json` through its presigned URL and checks it contact by contact as it streams in
 * (the 100k file is assembled by a multipart upload, so this checks that path end to end): every
 * contact sent, once, in order, with both enriched fields. Throws at the first difference.
 */
async function verifyOutput(view: RequestView, sent: readonly { first_name: string; last_name: string; company_domain: string }[]): Promise<{ contacts: number; bytes: number }> {
  if (!view.outputFileKey) throw new Error(`request ${view.requestId} completed without a download URL`);
  const response = await fetch(view.outputFileKey);
  if (!response.ok || !response.body) throw new Error(`downloading output.json of ${view.requestId} answered ${response.status}`);
  let bytes = 0;
  const counted = async function* (body: AsyncIterable<Uint8Array>) {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  };
  let index = 0;
  for await (const contact of outputItems(counted(response.body))) {
    const expected = sent[index];
    const same = expected && contact.first_name === expected.first_name && contact.last_name === expected.last_name && contact.company_domain === expected.company_domain;
    if (!same) throw new Error(`output.json of ${view.requestId}: contact ${index} is ${JSON.stringify(contact)}, expected ${JSON.stringify(expected ?? 'none (too many contacts)')}`);
    if (typeof contact.professional_email !== 'string' || typeof contact.personal_phone !== 'string') throw new Error(`output.json of ${view.requestId}: contact ${index} is not enriched: ${JSON.stringify(contact)}`);
    index++;
  }
  if (index !== sent.length) throw new Error(`output.json of ${view.requestId} holds ${index.toLocaleString('en-US')} contacts, expected ${sent.length.toLocaleString('en-US')}`);
  return { contacts: index, bytes };
}
