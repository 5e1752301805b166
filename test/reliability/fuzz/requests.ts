import fc from 'fast-check';
import type { FieldSpec, RouteSpec } from './routes.ts';
import { extraKey, hostileBody, hostileNumber, hostileValue, objectJson } from './values.ts';

/** One generated request, with what the checks need: which fields were made hostile, and which it sent at all. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Fields given a hostile value or left out though required; `''` when the whole body is hostile. */
  readonly hostile: readonly string[];
  /** Every field the route declares or the request sent: what a 400 may name. */
  readonly known: readonly string[];
}

const OMIT = Symbol('omit');
interface Part {
  readonly key: string;
  readonly value: unknown;
  readonly hostile: boolean;
}

// URLs are capped by the server's 16 KiB of headers (431 beyond): strings for paths and queries stay below.
const hostileUrlString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '%00', '..', '.', '%2F', '\ud800', '😀', '-1', '1e200', 'NaN', '0'), weight: 3 },
  { arbitrary: fc.integer({ min: 27, max: 4_000 }).map((n) => 'x'.repeat(n)), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 300 }).map((n) => '😀'.repeat(n)), weight: 2 },
  { arbitrary: hostileNumber.map(String), weight: 1 },
);

function part(key: string, spec: FieldSpec, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<Part> {
  return fc.oneof(
    { arbitrary: spec.valid.map((value) => ({ key, value, hostile: false })), weight: 5 },
    { arbitrary: hostile.map((value) => ({ key, value, hostile: true })), weight: 2 },
    { arbitrary: fc.constant({ key, value: OMIT, hostile: !spec.optional }), weight: spec.optional ? 2 : 1 },
  );
}

const parts = (fields: Readonly<Record<string, FieldSpec>> | undefined, hostile: fc.Arbitrary<unknown>) => fc.tuple(...Object.entries(fields ?? {}).map(([key, spec]) => part(key, spec, hostile)));
const extras = <T>(value: fc.Arbitrary<T>) => fc.array(fc.tuple(extraKey, value), { maxLength: 2 });
const sent = (list: readonly Part[]) => list.filter((p) => p.value !== OMIT);

/** Valid-ish and hostile requests for one route (`METHOD /path/{name}`). */
export function requestArbitrary(routeKey: string, spec: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const [method = '', template = ''] = routeKey.split(' ');
  const params = fc.tuple(
    ...Object.entries(spec.params ?? {}).map(([key, valid]) =>
      fc.oneof({ arbitrary: valid.map((value) => ({ key, value, hostile: false })), weight: 4 }, { arbitrary: hostileUrlString.map((value) => ({ key, value, hostile: true })), weight: 1 }),
    ),
  );
  const query = fc.tuple(parts(spec.query, hostileUrlString), extras(hostileUrlString));
  const readsBody = spec.body !== undefined;
  const body = fc.oneof(
    { arbitrary: fc.tuple(parts(spec.body, hostileValue), extras(hostileValue)).map(([fields, extra]) => ({ kind: 'object' as const, fields, extra })), weight: 6 },
    { arbitrary: hostileBody.map((text) => ({ kind: 'raw' as const, text })), weight: 1 },
  );
  return fc.tuple(params, query, body).map(([pathParts, [queryParts, queryExtra], chosen]): FuzzRequest => {
    const path = pathParts.reduce((built, p) => built.replace(`{${p.key}}`, percentEncode(p.value)), template);
    const queryEntries = [...sent(queryParts).map((p) => [p.key, String(p.value)] as const), ...queryExtra];
    const known = [...pathParts.map((p) => p.key), ...Object.keys(spec.query ?? {}), ...Object.keys(spec.body ?? {}), ...queryExtra.map(([key]) => key), '', 'body'];
    const hostile = [...pathParts, ...queryParts].filter((p) => p.hostile).map((p) => p.key);
    const withBody = method !== 'GET';
    if (chosen.kind === 'raw') {
      return { method, path, query: Object.fromEntries(queryEntries), ...(withBody && { body: chosen.text }), hostile: readsBody ? [...hostile, '', ...Object.keys(spec.body ?? {})] : hostile, known };
    }
    const bodyEntries = [...sent(chosen.fields).map((p) => [p.key, p.value] as const), ...chosen.extra];
    return {
      method,
      path,
      query: Object.fromEntries(queryEntries),
      ...(withBody && (readsBody || bodyEntries.length > 0) && { body: objectJson(bodyEntries) }),
      hostile: [...hostile, ...(readsBody ? chosen.fields.filter((p) => p.hostile).map((p) => p.key) : [])],
      known: [...known, ...chosen.extra.map(([key]) => key)],
    };
  });
}

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
