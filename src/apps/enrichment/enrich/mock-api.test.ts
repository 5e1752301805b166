import { describe, expect, it } from 'vitest';
import { EnrichmentApiError } from '../shared/errors.ts';
import { mockEnrichmentApi } from './mock-api.ts';

const contacts = [
  { first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' },
  { first_name: 'Ada', last_name: 'Lovelace', company_domain: 'engines.org' },
];
const call = { batchIndex: 4, delivery: 1, attempt: 1 };

describe('mockEnrichmentApi', () => {
  it('adds a professional email at the company domain and a phone number, keeping the contact', async () => {
    const [john] = await mockEnrichmentApi({ latencyMs: 0 }).enrich(contacts, call);
    expect(john).toMatchObject({ ...contacts[0], professional_email: expect.stringMatching(/@doe\.com$/), personal_phone: expect.stringMatching(/^\+\d/) });
  });

  it('answers the same for the same seed and batch, whatever the attempt, and differently for another seed', async () => {
    const api = mockEnrichmentApi({ latencyMs: 0, seed: 's1' });
    const first = await api.enrich(contacts, call);
    expect(await api.enrich(contacts, { batchIndex: 4, delivery: 1, attempt: 2 })).toEqual(first);
    expect(await mockEnrichmentApi({ latencyMs: 0, seed: 's2' }).enrich(contacts, call)).not.toEqual(first);
  });

  it('always fails a failing batch and never the others', async () => {
    const api = mockEnrichmentApi({ latencyMs: 0, failingBatches: [4] });
    await expect(api.enrich(contacts, call)).rejects.toBeInstanceOf(EnrichmentApiError);
    await expect(api.enrich(contacts, { batchIndex: 5, delivery: 1, attempt: 1 })).resolves.toHaveLength(2);
  });

  it('fails about the configured share of calls, deterministically', async () => {
    const outcomes = async () => {
      const api = mockEnrichmentApi({ latencyMs: 0, failureRate: 0.3, seed: 'rate' });
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, batchIndex) => api.enrich(contacts.slice(0, 1), { batchIndex, delivery: 1, attempt: 1 })));
      return results.map((r) => r.status);
    };
    const first = await outcomes();
    const failures = first.filter((s) => s === 'rejected').length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
    expect(await outcomes()).toEqual(first);
  });

  it('draws the failures of each delivery afresh, so a batch that failed one delivery can succeed on the next', async () => {
    // Prepare: a high rate, so many batches fail every attempt of their first delivery
    const api = mockEnrichmentApi({ latencyMs: 0, failureRate: 0.5, seed: 'deliveries' });
    const fails = async (batchIndex: number, delivery: number) => {
      const results = await Promise.allSettled([1, 2, 3].map((attempt) => api.enrich(contacts.slice(0, 1), { batchIndex, delivery, attempt })));
      return results.every((r) => r.status === 'rejected');
    };
    const failedFirst: number[] = [];
    for (let batchIndex = 0; batchIndex < 200; batchIndex++) if (await fails(batchIndex, 1)) failedFirst.push(batchIndex);

    // Act: the same batches, on their second delivery
    const failedAgain: number[] = [];
    for (const batchIndex of failedFirst) if (await fails(batchIndex, 2)) failedAgain.push(batchIndex);

    // Assess: about 1/8 fail all attempts of a delivery, and about 1/8 of those fail the next one too
    expect(failedFirst.length).toBeGreaterThan(5);
    expect(failedAgain.length).toBeLessThan(failedFirst.length / 2);
  });

  it('waits the latency per call', async () => {
    const slept: number[] = [];
    await mockEnrichmentApi({ latencyMs: 500, sleep: async (ms) => void slept.push(ms) }).enrich(contacts, call);
    expect(slept).toEqual([500]);
  });
});
