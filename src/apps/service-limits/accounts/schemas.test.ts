import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../../platform/validation.ts';
import { COUNTER_MAX, createAccountBody, updateAccountBody } from './schemas.ts';

const fieldsOf = (value: unknown) => {
  const parsed = updateAccountBody.safeParse(value);
  return parsed.success ? [] : [...new Set(zodIssues(parsed.error).map((issue) => issue.path))];
};

describe('account bounds (issue 15, F4)', () => {
  it('accepts counters up to COUNTER_MAX and names one beyond, or beyond 2^53', () => {
    expect(fieldsOf({ max_number_of_services: COUNTER_MAX })).toEqual([]);
    expect(fieldsOf({ max_number_of_services: COUNTER_MAX + 1 })).toEqual(['max_number_of_services']);
    expect(fieldsOf({ number_of_services: 2 ** 53 + 2 })).toEqual(['number_of_services']);
    expect(fieldsOf({ number_of_services: 1e200 })).toEqual(['number_of_services']);
  });

  it('bounds a username by characters (50: at most 200 bytes)', () => {
    expect(createAccountBody.safeParse({ username: '😀'.repeat(50) }).success).toBe(true);
    expect(createAccountBody.safeParse({ username: 'u'.repeat(1_000_000) }).success).toBe(false);
  });
});
