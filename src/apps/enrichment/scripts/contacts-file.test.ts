import { describe, expect, it } from 'vitest';
import { contactsFileName, generateContacts, JOHN_DOE, thousandsOf } from './contacts-file.ts';

describe('generateContacts', () => {
  it('gives John Doe plus N × 1,000 valid contacts, the same every time', () => {
    const contacts = generateContacts(2);
    expect(contacts).toHaveLength(2_001);
    expect(contacts[0]).toEqual(JOHN_DOE);
    for (const contact of contacts) expect(Object.values(contact).every((value) => value.trim().length > 0)).toBe(true);
    expect(generateContacts(2)).toEqual(contacts);
  });
});

describe('file names', () => {
  it('round-trips contacts_<N>k.json and ignores other names', () => {
    expect(contactsFileName(10)).toBe('contacts_10k.json');
    expect(thousandsOf('some/dir/contacts_100k.json')).toBe(100);
    expect(thousandsOf('contacts.json')).toBeUndefined();
    expect(thousandsOf('contacts_10k.json.bak')).toBeUndefined();
  });
});
