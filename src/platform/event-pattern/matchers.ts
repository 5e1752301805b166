import { ipBytesEqual, parseIp } from './cidr.ts';
import type { ValueMatcher } from './types.ts';

/**
 * Leaf matchers for the plain operators. EventBridge keeps JSON types apart: a string pattern
 * never matches a number, `null` only matches an explicit null, and string operators (prefix,
 * suffix, equals-ignore-case, wildcard) only look at strings.
 */

/** Exact string, number, boolean or null. Numbers compare as numbers, so 3.0 matches 3. */
class ExactMatcher implements ValueMatcher {
  constructor(private readonly expected: string | number | boolean | null) {}

  matches(value: unknown): boolean {
    return value === this.expected;
  }
}

/** An exact string that is an IP address also matches other spellings of that address. */
class ExactIpMatcher implements ValueMatcher {
  private readonly scratch = new Uint8Array(16);

  constructor(
    private readonly expected: string,
    private readonly bytes: Uint8Array,
  ) {}

  matches(value: unknown): boolean {
    if (value === this.expected) return true;
    if (typeof value !== 'string') return false;
    return ipBytesEqual(this.bytes, this.scratch, parseIp(value, this.scratch));
  }
}

class PrefixMatcher implements ValueMatcher {
  constructor(private readonly prefix: string) {}

  matches(value: unknown): boolean {
    return typeof value === 'string' && value.startsWith(this.prefix);
  }
}

class SuffixMatcher implements ValueMatcher {
  constructor(private readonly suffix: string) {}

  matches(value: unknown): boolean {
    return typeof value === 'string' && value.endsWith(this.suffix);
  }
}

/** Case-insensitive comparisons run as a precompiled `iu` RegExp: no lower-casing per event. */
class RegExpMatcher implements ValueMatcher {
  constructor(private readonly re: RegExp) {}

  matches(value: unknown): boolean {
    return typeof value === 'string' && this.re.test(value);
  }
}

export type Anchor = 'equals' | 'prefix' | 'suffix';

/** A case-insensitive RegExp for one or more literal texts. */
export function ignoreCaseRegExp(texts: readonly string[], anchor: Anchor): RegExp {
  const body = `(?:${texts.map(escapeRegExp).join('|')})`;
  const source = anchor === 'equals' ? `^${body}$` : anchor === 'prefix' ? `^${body}` : `${body}$`;
  return new RegExp(source, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export function exactValue(expected: string | number | boolean | null): ValueMatcher {
  if (typeof expected === 'string') {
    const bytes = new Uint8Array(16);
    const length = parseIp(expected, bytes);
    if (length > 0) return new ExactIpMatcher(expected, bytes.slice(0, length));
  }
  return new ExactMatcher(expected);
}

/** `{"exactly": "..."}`: a plain string comparison, without the IP-address normalisation. */
export const exactString = (expected: string): ValueMatcher => new ExactMatcher(expected);
export const prefix = (text: string): ValueMatcher => new PrefixMatcher(text);
export const suffix = (text: string): ValueMatcher => new SuffixMatcher(text);
export const ignoreCase = (text: string, anchor: Anchor): ValueMatcher =>
  new RegExpMatcher(ignoreCaseRegExp([text], anchor));

/** `{"exists": true}` is satisfied by any leaf value, null included. */
export const EXISTS: ValueMatcher = { matches: () => true };
/** `{"exists": false}` never matches a value; the runtime checks that the field is absent. */
export const ABSENT: ValueMatcher = { matches: () => false, absence: true };
