import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1},"x"]},"b":1}');
  });

  it('is the same for any insertion order, integer-like keys included', () => {
    expect(canonicalJson({ b: 1, '10': 2, a: 3, '2': 4 })).toBe(canonicalJson({ '2': 4, a: 3, '10': 2, b: 1 }));
  });

  it('serializes primitives as JSON does and leaves out undefined fields', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson({ a: undefined, b: true })).toBe('{"b":true}');
    expect(canonicalJson([undefined])).toBe('[null]');
  });
});

describe('requestHash', () => {
  const contact = { first_name: 'John', last_name: 'Doe', company_domain: 'example.com' };

  it('is the same whatever the key order, nested keys included', () => {
    const reordered = { fields_to_enrich: ['personal_phone'], contacts: [{ company_domain: 'example.com', last_name: 'Doe', first_name: 'John' }] };
    expect(requestHash({ contacts: [contact], fields_to_enrich: ['personal_phone'] })).toBe(requestHash(reordered));
  });

  it('differs when a nested field differs (a top-level-only sort would drop nested fields and collide)', () => {
    const other = { ...contact, company_domain: 'example.org' };
    expect(requestHash({ contacts: [contact], fields_to_enrich: ['x'] })).not.toBe(requestHash({ contacts: [other], fields_to_enrich: ['x'] }));
  });

  it('differs when the contact order differs', () => {
    const second = { ...contact, first_name: 'Jane' };
    expect(requestHash({ contacts: [contact, second] })).not.toBe(requestHash({ contacts: [second, contact] }));
  });

  it('is a SHA-256 hex digest', () => {
    expect(requestHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});
