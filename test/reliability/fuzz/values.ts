import fc from 'fast-check';

/** JSON text placed as is in a body: nesting too deep to build as a value cheaply, or bytes JSON.stringify would not write. */
export class RawJson {
  constructor(readonly text: string) {}
}

const nested = (depth: number, open: string, close: string) => new RawJson(`${open.repeat(depth)}1${close.repeat(depth)}`);

/** Strings a caller may send that no schema should take on trust: long ones, 4-byte characters, NUL and control characters, lone surrogates, path tricks. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '\u0000', 'a\u0000b', '%00', '../x', '/', '%2F', '\n', '\ud800', 'x\udfffy', '𝔘𝔫𝔦', '😀😀😀😀'), weight: 3 },
  { arbitrary: fc.integer({ min: 257, max: 4_000 }).map((n) => 'x'.repeat(n)), weight: 2 },
  { arbitrary: fc.integer({ min: 65, max: 1_000 }).map((n) => '😀'.repeat(n)), weight: 2 },
  { arbitrary: fc.integer({ min: 100_000, max: 320_000 }).map((n) => 'u'.repeat(n)), weight: 1 },
  { arbitrary: fc.constant('m'.repeat(1_048_576)), weight: 1 },
);

/** Numbers at and past what DynamoDB and JS hold exactly. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e200, -1e200, 1e126, 2 ** 53 + 2, -(2 ** 60), 2 ** 53 + 1, 1e-200, 5e-324, 1e-131, -0, 0, -1, 1.5, 4_294_967_296),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any value where a field is expected: wrong types, deep nesting, huge strings, out-of-range numbers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: hostileNumber, weight: 4 },
  { arbitrary: fc.constantFrom(true, false, null, [], {}, ['a'], { a: 1 }), weight: 2 },
  { arbitrary: fc.integer({ min: 30, max: 5_000 }).map((depth) => nested(depth, '[', ']')), weight: 1 },
  { arbitrary: fc.integer({ min: 30, max: 5_000 }).map((depth) => nested(depth, '{"a":', '}')), weight: 1 },
  { arbitrary: fc.json({ maxDepth: 3 }).map((text) => new RawJson(text)), weight: 1 },
);

/** A whole body that is not a JSON object: nothing, not JSON, an array, a scalar, deep nesting. */
export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'not json', '{"a":', '[]', '[{"sku":"APPLES"}]', 'null', '"text"', '42', '{}'),
  fc.integer({ min: 1_000, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1_000, max: 50_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** Keys a body should not have (ignored by most schemas, refused by strict ones). */
export const extraKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', ''), fc.string({ maxLength: 12 }));

/** The JSON text of an object whose values may be RawJson. */
export function objectJson(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value instanceof RawJson ? value.text : JSON.stringify(value)}`).join(',')}}`;
}

/** Ids of the apps' own shapes, valid by construction. */
export const validId = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTVWXYZ0123456789-'), minLength: 4, maxLength: 24 }), weight: 5 },
  { arbitrary: fc.integer({ min: 2, max: 64 }).map((n) => '😀'.repeat(n)), weight: 1 },
);
export const validText = (maxChars: number) => fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: maxChars }).filter((text) => text.trim().length > 0);
export const uuid = fc.uuid({ version: 4 });
