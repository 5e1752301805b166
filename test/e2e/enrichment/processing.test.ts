import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOutput } from '../../../src/apps/enrichment/scripts/client.ts';
import { contacts, FIELDS, startEnrichment, type EnrichmentCloud } from './harness.ts';

describe('enrichment e2e: a request is enriched into one output.json, every contact once and in order', () => {
  let enrichment: EnrichmentCloud;

  beforeAll(async () => {
    enrichment = await startEnrichment('e2eenrich');
  });
  afterAll(() => enrichment?.stop());

  it.each([1, 100, 101, 1_000])('%i contacts', async (count) => {
    // Prepare
    const sent = contacts(count, `n${count}`);

    // Act
    const accepted = await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS });

    // Assess
    expect(accepted).toMatchObject({ status: 202, body: { message: 'Request accepted', requestId: expect.any(String), downloadUrl: expect.stringContaining('output.json') } });
    const { requestId, downloadUrl } = accepted.body;
    const done = await enrichment.settled(requestId);
    const batches = Math.ceil(count / 100);
    expect(done).toMatchObject({ requestId, status: 'completed', totalBatches: batches, processedBatches: batches, contactCount: count, outputFileKey: expect.stringContaining('output.json') });
    const output = await downloadOutput(downloadUrl);
    expect(output.enriched_contacts).toHaveLength(count);
    output.enriched_contacts.forEach((contact, n) => {
      expect(contact).toEqual({ ...sent[n], professional_email: expect.stringMatching(new RegExp(`@${sent[n]!.company_domain.replace('.', '\\.')}$`)), personal_phone: expect.stringMatching(/^\+/) });
    });
    expect(await downloadOutput(done.outputFileKey!)).toEqual(output);
  });
});
