import { Faker, en } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import type { Contact, EnrichedContact } from '../shared/contacts.ts';
import { EnrichmentApiError } from '../shared/errors.ts';

/** The enrichment API port: one call per batch of contacts. */
export interface EnrichmentApi {
  enrich(contacts: readonly Contact[], call: { batchIndex: number; attempt: number }): Promise<EnrichedContact[]>;
}

export interface MockEnrichmentApiOptions {
  /** Wait per call. Default 500 ms (the reference's). */
  latencyMs?: number;
  /** Probability that a call fails, 0..1, drawn from (seed, batch, attempt). Default 0. */
  failureRate?: number;
  /** Makes the answers and failures a function of (seed, batch index[, attempt]). Default `enrichment`. */
  seed?: string;
  /** Batch indexes whose every call fails (a batch that always fails). Default none. */
  failingBatches?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The reference's mock enrichment API (decision 7): each contact gains a `professional_email` at its
 * company domain and an international `personal_phone`. The same seed and batch index always give
 * the same answer, so a retried batch writes the same part.
 *
 * @example
 * const api = mockEnrichmentApi({ latencyMs: 0, seed: 'test' });
 * await api.enrich([{ first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' }], { batchIndex: 0, attempt: 1 });
 */
export function mockEnrichmentApi(options: MockEnrichmentApiOptions = {}): EnrichmentApi {
  const { latencyMs = 500, failureRate = 0, seed = 'enrichment', failingBatches = [], sleep = defaultSleep } = options;
  const failing = new Set(failingBatches);
  return {
    async enrich(contacts, { batchIndex, attempt }) {
      if (latencyMs > 0) await sleep(latencyMs);
      if (failing.has(batchIndex) || draw(seed, `failure:${batchIndex}:${attempt}`) < failureRate) {
        throw new EnrichmentApiError(`the enrichment API failed batch ${batchIndex} (attempt ${attempt})`, { batchIndex, attempt });
      }
      const faker = new Faker({ locale: [en] });
      faker.seed(Math.floor(draw(seed, `batch:${batchIndex}`) * 2 ** 32));
      return contacts.map((contact) => ({
        ...contact,
        professional_email: faker.internet.email({ firstName: contact.first_name, lastName: contact.last_name, provider: contact.company_domain }).toLowerCase(),
        personal_phone: faker.phone.number({ style: 'international' }),
      }));
    },
  };
}

/** A deterministic draw in [0, 1). */
function draw(seed: string, subject: string): number {
  return createHash('sha256').update(`${seed}\u0000${subject}`).digest().readUIntBE(0, 6) / 2 ** 48;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
