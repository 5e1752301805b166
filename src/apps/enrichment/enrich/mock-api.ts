import { Faker, en } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import type { Contact, EnrichedContact } from '../shared/contacts.ts';
import { EnrichmentApiError } from '../shared/errors.ts';

/** Which call this is: the batch, the SQS delivery of its message (receive count, from 1) and the retry attempt within it (from 1). */
export interface EnrichmentCall {
  readonly batchIndex: number;
  readonly delivery: number;
  readonly attempt: number;
}

/** The enrichment API port: one call per batch of contacts. */
export interface EnrichmentApi {
  enrich(contacts: readonly Contact[], call: EnrichmentCall): Promise<EnrichedContact[]>;
}

export interface MockEnrichmentApiOptions {
  /** Wait per call. Default 500 ms (the reference's). */
  latencyMs?: number;
  /** Probability that a call fails, 0..1, drawn from (seed, batch, delivery, attempt). Default 0. */
  failureRate?: number;
  /** Makes the answers and failures a function of (seed, batch index[, delivery, attempt]). Default `enrichment`. */
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
 * await api.enrich([{ first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' }], { batchIndex: 0, delivery: 1, attempt: 1 });
 */
export function mockEnrichmentApi(options: MockEnrichmentApiOptions = {}): EnrichmentApi {
  const { latencyMs = 500, failureRate = 0, seed = 'enrichment', failingBatches = [], sleep = defaultSleep } = options;
  const failing = new Set(failingBatches);
  return {
    async enrich(contacts, { batchIndex, delivery, attempt }) {
      if (latencyMs > 0) await sleep(latencyMs);
      // The delivery is part of the subject: `attempt` restarts on every SQS delivery, so without it a
      // batch that failed its first delivery would fail all of them and land in the DLQ.
      if (failing.has(batchIndex) || draw(seed, `failure:${batchIndex}:${delivery}:${attempt}`) < failureRate) {
        throw new EnrichmentApiError(`the enrichment API failed batch ${batchIndex} (delivery ${delivery}, attempt ${attempt})`, { batchIndex, delivery, attempt });
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
