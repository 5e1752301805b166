import { describe, expect, it } from 'vitest';
import { EnrichmentApiError } from '../shared/errors.ts';
import { mockEnrichmentApi } from './mock-api.ts';

const contacts = [
  { first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' },
  { first_name: 'Ada', last_name: 'Lovelace', company_domain: 'engines.org' },
];
const call = { batchIndex: 4, attempt: 1 };

describe('mockEnrichmentApi', () => {
  it('adds a professional email at the company domain and a phone number, keeping the contact', async () => {
    const [john] = await mockEnrichmentApi({ latencyMs: 0 }).enrich(contacts, call);
    expect(john).toMatchObject({ ...contacts[0], professional_email: expect.stringMatching(/@doe\.com$/), personal_phone: expect.stringMatching(/^\+\d/) });
  });

  it('answers the same for the same seed and batch, whatever the attempt, and differently for another seed', async () => {
    const api = mockEnrichmentApi({ latencyMs: 0, seed: 's1' });
    const first = await api.enrich(contacts, call);
    expect(await api.enrich(contacts, { batchIndex: 4, attempt: 2 })).toEqual(first);
    expect(await mockEnrichmentApi({ latencyMs: 0, seed: 's2' }).enrich(contacts, call)).not.toEqual(first);
  });

  it('always fails a failing batch and never the others', async () => {
    const api = mockEnrichmentApi({ latencyMs: 0, failingBatches: [4] });
    await expect(api.enrich(contacts, call)).rejects.toBeInstanceOf(EnrichmentApiError);
    await expect(api.enrich(contacts, { batchIndex: 5, attempt: 1 })).resolves.toHaveLength(2);
  });

  it('fails about the configured share of calls, deterministically', async () => {
    const outcomes = async () => {
      const api = mockEnrichmentApi({ latencyMs: 0, failureRate: 0.3, seed: 'rate' });
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, batchIndex) => api.enrich(contacts.slice(0, 1), { batchIndex, attempt: 1 })));
      return results.map((r) => r.status);
    };
    const first = await outcomes();
    const failures = first.filter((s) => s === 'rejected').length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
    expect(await outcomes()).toEqual(first);
  });

  it('waits the latency per call', async () => {
    const slept: number[] = [];
    await mockEnrichmentApi({ latencyMs: 500, sleep: async (ms) => void slept.push(ms) }).enrich(contacts, call);
    expect(slept).toEqual([500]);
  });
});
