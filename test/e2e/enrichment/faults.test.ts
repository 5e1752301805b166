import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOutput } from '../../../src/apps/enrichment/scripts/client.ts';
import { contacts, FIELDS, mappingStats, startEnrichment, type EnrichmentCloud } from './harness.ts';

const CRASHING_BATCH = 1;
const FAILING_BATCH = 3;

describe('enrichment e2e: redelivery and failure', () => {
  let enrichment: EnrichmentCloud;

  beforeAll(async () => {
    // Batch 1 crashes after writing its part on its first delivery; batch 3 fails every call.
    enrichment = await startEnrichment('e2eenrichfault', { crashAfterPartBatches: [CRASHING_BATCH], mockApi: { latencyMs: 0, seed: 'faults', failingBatches: [FAILING_BATCH] } });
  });
  afterAll(() => enrichment?.stop());

  it('a worker that crashes after writing its part, before counting it, is redelivered and the output still holds every contact once', async () => {
    // Prepare
    const sent = contacts(250, 'crash');
    const deliveredBefore = mappingStats(enrichment.cloud, 'processBatchWorker').records;

    // Act
    const { body } = await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS });

    // Assess
    expect(await enrichment.settled(body.requestId)).toMatchObject({ status: 'completed', totalBatches: 3, processedBatches: 3 });
    expect(mappingStats(enrichment.cloud, 'processBatchWorker').records - deliveredBefore).toBeGreaterThanOrEqual(4);
    const output = await downloadOutput(body.downloadUrl);
    expect(output.enriched_contacts.map((c) => c.last_name)).toEqual(sent.map((c) => c.last_name));
  });

  it('a batch that always fails ends in the dead-letter queue and the request becomes failed', async () => {
    // Prepare
    const sent = contacts(450, 'fail');

    // Act
    const { body } = await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS });

    // Assess: the other four batches are counted, batch 3 never is
    const failed = await enrichment.settled(body.requestId, 45_000);
    expect(failed).toMatchObject({ status: 'failed', totalBatches: 5, processedBatches: 4, outputFileKey: null, failedAt: expect.any(String) });
    expect(mappingStats(enrichment.cloud, 'failRequestWorker').records).toBeGreaterThanOrEqual(1);

    // A repeat of the failed request runs again as a new request, and a further repeat joins that one
    const retry = await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS });
    expect(retry.status).toBe(202);
    expect(retry.body.requestId).not.toBe(body.requestId);
    expect(retry.body.deduplicated).toBeUndefined();
    expect((await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS })).body).toMatchObject({ requestId: retry.body.requestId, deduplicated: true });
    expect((await enrichment.api.get(retry.body.requestId)).body).toMatchObject({ totalBatches: 5 });
  });
});
