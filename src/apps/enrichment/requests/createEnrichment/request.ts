import { z } from 'zod';
import { contactListSchema, fieldsToEnrichSchema, type Contact } from '../../shared/contacts.ts';
import type { Issue } from '../../../../platform/errors.ts';
import { zodIssues } from '../../../../platform/validation.ts';
import { ValidationError } from '../../shared/errors.ts';

/** A create request as sent: inline contacts, or the key/URL of an uploaded file (resolved later). */
export interface CreateRequest {
  readonly contacts: readonly Contact[] | { readonly reference: string };
  readonly fields_to_enrich: readonly string[];
}

const fieldsSchema = z.object({ fields_to_enrich: fieldsToEnrichSchema });

/**
 * Validates the body of `POST /enrichment`, collecting every problem: `fields_to_enrich` holds at
 * least one non-empty name; `contacts` is a non-empty list of contacts (unknown keys dropped) or a
 * non-empty string naming an upload.
 */
export function parseCreateRequest(body: Record<string, unknown>): CreateRequest {
  const issues: Issue[] = [];
  const fields = fieldsSchema.safeParse(body);
  if (!fields.success) issues.push(...zodIssues(fields.error));
  const contacts = parseContacts(body.contacts, issues);
  if (issues.length > 0 || !fields.success || contacts === undefined) throw new ValidationError(issues);
  return { contacts, fields_to_enrich: fields.data.fields_to_enrich };
}

function parseContacts(value: unknown, issues: Issue[]): CreateRequest['contacts'] | undefined {
  if (value === undefined) {
    issues.push({ path: 'contacts', message: 'is required: a list of contacts or the key/URL of an uploaded file' });
    return undefined;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') issues.push({ path: 'contacts', message: 'must not be empty' });
    return { reference: value.trim() };
  }
  return validContacts(value, issues);
}

/** Validates a contact list (inline or read from an upload); issues are reported under `contacts`. */
export function validContacts(value: unknown, issues: Issue[]): Contact[] | undefined {
  const parsed = contactListSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  // A 100k-contact file can be wrong everywhere: the first few problems say enough.
  issues.push(...zodIssues(parsed.error, ['contacts']).slice(0, 20));
  return undefined;
}
