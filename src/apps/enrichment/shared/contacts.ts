import { z } from 'zod';
import { withinBytes } from '../../../platform/limits.ts';

/**
 * A name's bound. With a domain's 253, a contact is at most about 4.6 KB as JSON (every byte
 * escaped as `\u0000`), so a batch message of 100 stays far below SQS's 1 MiB message; the
 * splitter sizes its SendMessageBatch calls by bytes (`batchGroups`).
 */
export const NAME_MAX_BYTES = 256;
/** The longest domain name DNS allows. */
export const DOMAIN_MAX_BYTES = 253;
/** Field names a request may ask for (the API adds two). */
export const MAX_FIELDS = 100;

const nonEmptyString = (maxBytes: number) =>
  z
    .string({ error: 'must be a string' })
    .refine((value) => value.trim().length > 0, { message: 'must be a non-empty string' })
    .refine(...withinBytes(maxBytes));

/** A contact to enrich; unknown keys (e.g. an `id`) are dropped. */
export const contactSchema = z.object({ first_name: nonEmptyString(NAME_MAX_BYTES), last_name: nonEmptyString(NAME_MAX_BYTES), company_domain: nonEmptyString(DOMAIN_MAX_BYTES) });
export type Contact = z.output<typeof contactSchema>;

export const contactListSchema = z.array(contactSchema, { error: 'must be a list of contacts or the key/URL of an uploaded file' }).min(1, { message: 'must hold at least one contact' });

export const fieldsToEnrichSchema = z
  .array(nonEmptyString(NAME_MAX_BYTES), { error: 'must be a list of field names' })
  .min(1, { message: 'must name at least one field' })
  .max(MAX_FIELDS, { message: `must name at most ${MAX_FIELDS} fields` });

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
