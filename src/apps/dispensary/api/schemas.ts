import { z } from 'zod';
import { withinBytes } from '../../../platform/limits.ts';

/** Ids, names and file names: a few hundred bytes, so that a full dispense stays far below what its snapshot and view items hold (400 KB). */
export const TEXT_MAX_BYTES = 256;
/** Drugs in one dispense (AddDrugs replaces the list). */
export const MAX_DRUGS = 100;

const text = () => z.string().trim().min(1, 'must not be empty').refine(...withinBytes(TEXT_MAX_BYTES));

export const addPatientSchema = z.object({ patient_id: text(), name: text() });

/** Quantities are the reference's u32, at least 1. */
export const addDrugsSchema = z.object({
  drugs: z
    .array(z.object({ drug_id: text(), name: text(), quantity: z.number().int().min(1).max(4_294_967_295) }))
    .min(1, 'needs at least one drug')
    .max(MAX_DRUGS, `holds at most ${MAX_DRUGS} drugs`),
});

export const uploadUrlSchema = z.object({ file_name: text(), content_type: text().optional() });

// A cursor encodes one view id (a ULID).
const CURSOR_MAX_CHARS = 256;

/** `GET /dispenses?limit=&cursor=`: limit 1–100, default 20. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().trim().min(1, 'must not be empty').max(CURSOR_MAX_CHARS, 'is not a cursor returned by this list').optional(),
});
