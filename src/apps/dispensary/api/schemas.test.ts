import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { zodIssues } from '../../../platform/validation.ts';
import { addDrugsSchema, addPatientSchema, listQuerySchema, MAX_DRUGS, TEXT_MAX_BYTES, uploadUrlSchema } from './schemas.ts';

const fieldsOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error).map((issue) => issue.path);
};
const drug = { drug_id: 'D1', name: 'Aspirin', quantity: 1 };

describe('dispensary request bounds (issue 15, F4)', () => {
  it('accepts texts of TEXT_MAX_BYTES and MAX_DRUGS drugs', () => {
    expect(fieldsOf(addPatientSchema, { patient_id: '😀'.repeat(TEXT_MAX_BYTES / 4), name: 'n'.repeat(TEXT_MAX_BYTES) })).toEqual([]);
    expect(fieldsOf(addDrugsSchema, { drugs: Array(MAX_DRUGS).fill(drug) })).toEqual([]);
  });

  it.each([
    [addPatientSchema, { patient_id: 'p'.repeat(1_000_000), name: 'Ann' }, 'patient_id'],
    [addPatientSchema, { patient_id: 'P1', name: '😀'.repeat(65) }, 'name'],
    [addDrugsSchema, { drugs: Array(MAX_DRUGS + 1).fill(drug) }, 'drugs'],
    [addDrugsSchema, { drugs: [{ ...drug, drug_id: 'd'.repeat(300) }] }, 'drugs.0.drug_id'],
    [addDrugsSchema, { drugs: [{ ...drug, quantity: 2 ** 40 }] }, 'drugs.0.quantity'],
    [uploadUrlSchema, { file_name: `${'f'.repeat(300)}.pdf` }, 'file_name'],
    [listQuerySchema, { cursor: 'c'.repeat(3_000) }, 'cursor'],
  ])('names the field of a value past its bound (%#)', (schema, body, field) => {
    expect(fieldsOf(schema, body)).toEqual([field]);
  });
});
