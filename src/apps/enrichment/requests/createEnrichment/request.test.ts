import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.ts';
import { parseCreateRequest } from './request.ts';

const john = { first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' };
const fields = ['professional_email', 'personal_phone'];

function issuesOf(body: Record<string, unknown>) {
  try {
    parseCreateRequest(body);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseCreateRequest', () => {
  it('accepts inline contacts and drops unknown keys on a contact', () => {
    expect(parseCreateRequest({ contacts: [{ ...john, id: 7 }], fields_to_enrich: fields })).toEqual({ contacts: [john], fields_to_enrich: fields });
  });

  it('accepts a string as the reference of an upload', () => {
    expect(parseCreateRequest({ contacts: ' uploads/a.json ', fields_to_enrich: fields })).toEqual({ contacts: { reference: 'uploads/a.json' }, fields_to_enrich: fields });
  });

  it.each([
    ['an empty contact list', { contacts: [], fields_to_enrich: fields }, [{ path: 'contacts', message: 'must hold at least one contact' }]],
    ['no contacts', { fields_to_enrich: fields }, [{ path: 'contacts', message: expect.stringContaining('is required') }]],
    ['an empty string', { contacts: '  ', fields_to_enrich: fields }, [{ path: 'contacts', message: 'must not be empty' }]],
    ['contacts of the wrong type', { contacts: 42, fields_to_enrich: fields }, [{ path: 'contacts', message: expect.stringContaining('list of contacts') }]],
    ['a blank first name', { contacts: [john, { ...john, first_name: ' ' }], fields_to_enrich: fields }, [{ path: 'contacts.1.first_name', message: 'must be a non-empty string' }]],
    ['a missing domain', { contacts: [{ first_name: 'A', last_name: 'B' }], fields_to_enrich: fields }, [{ path: 'contacts.0.company_domain', message: 'must be a string' }]],
    ['no fields', { contacts: [john], fields_to_enrich: [] }, [{ path: 'fields_to_enrich', message: 'must name at least one field' }]],
    ['an empty field name', { contacts: [john], fields_to_enrich: ['x', ''] }, [{ path: 'fields_to_enrich.1', message: 'must be a non-empty string' }]],
    ['missing fields', { contacts: [john] }, [{ path: 'fields_to_enrich', message: 'must be a list of field names' }]],
  ])('refuses %s', (_, body, issues) => {
    expect(issuesOf(body)).toEqual(issues);
  });

  it('reports the problems of both fields at once', () => {
    expect(issuesOf({ contacts: [], fields_to_enrich: [] }).map((issue) => issue.path)).toEqual(['fields_to_enrich', 'contacts']);
  });
});

describe('parseCreateRequest bounds (issue 15, F5)', () => {
  it.each([
    ['a 1 MB company_domain', { contacts: [{ ...john, company_domain: 'd'.repeat(1_000_000) }], fields_to_enrich: fields }, 'contacts.0.company_domain'],
    ['a first_name of 65 4-byte characters', { contacts: [{ ...john, first_name: '😀'.repeat(65) }], fields_to_enrich: fields }, 'contacts.0.first_name'],
    ['a 300-byte field name', { contacts: [john], fields_to_enrich: ['f'.repeat(300)] }, 'fields_to_enrich.0'],
    ['101 field names', { contacts: [john], fields_to_enrich: Array.from({ length: 101 }, (_, i) => `f${i}`) }, 'fields_to_enrich'],
  ])('names the field of %s', (_case, body, field) => {
    expect(issuesOf(body).map((issue) => issue.path)).toEqual([field]);
  });
});
