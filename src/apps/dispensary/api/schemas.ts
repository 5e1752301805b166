import { z } from 'zod';

const text = () => z.string().trim().min(1, 'must not be empty');

export const addPatientSchema = z.object({ patient_id: text(), name: text() });

/** Quantities are the reference's u32, at least 1. */
export const addDrugsSchema = z.object({
  drugs: z
    .array(z.object({ drug_id: text(), name: text(), quantity: z.number().int().min(1).max(4_294_967_295) }))
    .min(1, 'needs at least one drug'),
});

export const uploadUrlSchema = z.object({ file_name: text(), content_type: text().optional() });

/** `GET /dispenses?limit=&cursor=`: limit 1–100, default 20. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: text().optional(),
});
