import { z } from 'zod';

const nonEmptyString = z
  .string({ error: 'must be a string' })
  .refine((value) => value.trim().length > 0, { message: 'must be a non-empty string' });

/** A contact to enrich; unknown keys (e.g. an `id`) are dropped. */
export const contactSchema = z.object({ first_name: nonEmptyString, last_name: nonEmptyString, company_domain: nonEmptyString });
export type Contact = z.output<typeof contactSchema>;

export const contactListSchema = z.array(contactSchema, { error: 'must be a list of contacts or the key/URL of an uploaded file' }).min(1, { message: 'must hold at least one contact' });

export const fieldsToEnrichSchema = z.array(nonEmptyString, { error: 'must be a list of field names' }).min(1, { message: 'must name at least one field' });

/** What the enrichment API adds to a contact. */
export interface Enrichment {
  readonly professional_email: string;
  readonly personal_phone: string;
}
export type EnrichedContact = Contact & Enrichment;

/** A request once its contacts are resolved: what `<requestId>/input.json` holds and what is hashed for deduplication. */
export interface EnrichmentInput {
  readonly contacts: readonly Contact[];
  readonly fields_to_enrich: readonly string[];
}
