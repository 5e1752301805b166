import { Faker, en } from '@faker-js/faker';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Contact } from '../shared/contacts.ts';

/** The fixed first contact of every generated file (the reference's seed contact). */
export const JOHN_DOE: Contact = { first_name: 'John', last_name: 'Doe', company_domain: 'example.com' };
const SEED = 20_240_601;

/** John Doe plus `thousands × 1,000` fake contacts; always the same for the same size. */
export function generateContacts(thousands: number): Contact[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(SEED);
  const generated = Array.from({ length: thousands * 1_000 }, () => ({ first_name: faker.person.firstName(), last_name: faker.person.lastName(), company_domain: faker.internet.domainName() }));
  return [JOHN_DOE, ...generated];
}

export const contactsFileName = (thousands: number) => `contacts_${thousands}k.json`;

/** The size N of a `contacts_<N>k.json` path, or undefined for any other name. */
export function thousandsOf(path: string): number | undefined {
  const match = /^contacts_(\d+)k\.json$/.exec(basename(path));
  return match ? Number(match[1]) : undefined;
}

/** Writes `{"contacts": [...]}`, the format POST /enrichment accepts inline or as an upload. */
export function writeContactsFile(path: string, thousands: number): number {
  const contacts = generateContacts(thousands);
  writeFileSync(path, JSON.stringify({ contacts }));
  return contacts.length;
}
