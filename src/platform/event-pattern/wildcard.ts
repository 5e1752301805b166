import { invalid } from './errors.ts';
import type { ValueMatcher } from './types.ts';

/**
 * `{"wildcard": "dir/*.png"}`: `*` matches any run of characters (including none), `\*` is a
 * literal star and `\\` a literal backslash; any other backslash, and two stars in a row, are
 * rejected the way AWS rejects them.
 */

/** A parsed wildcard: the literal texts between the stars (`a*b*c` → `['a', 'b', 'c']`). */
export interface Glob {
  readonly source: string;
  readonly parts: readonly string[];
}

/**
 * Parses a wildcard pattern, throwing AWS's message on bad syntax. AWS reports positions as
 * UTF-8 byte offsets in the quoted JSON string, hence the `+ 1` for the opening quote.
 */
export function parseWildcard(source: string): Glob {
  const parts: string[] = [];
  let literal = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '*') {
      if (source[i + 1] === '*') throw invalid(`Consecutive wildcard characters at pos ${bytePosition(source, i)}`);
      parts.push(literal);
      literal = '';
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') throw invalid(`Invalid escape character at pos ${bytePosition(source, i)}`);
      literal += next;
      i++;
    } else {
      literal += ch;
    }
  }
  parts.push(literal);
  return { source, parts };
}

function bytePosition(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8') + 1;
}

/** Matches without backtracking: prefix, suffix, then the middle parts leftmost-first. */
export function globMatches(glob: Glob, value: string): boolean {
  const { parts } = glob;
  const last = parts.length - 1;
  const head = parts[0] ?? '';
  if (last === 0) return value === head;
  const tail = parts[last] ?? '';
  if (value.length < head.length + tail.length) return false;
  if (!value.startsWith(head) || !value.endsWith(tail)) return false;
  const end = value.length - tail.length;
  let position = head.length;
  for (let i = 1; i < last; i++) {
    const part = parts[i] ?? '';
    const found = value.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}

class WildcardMatcher implements ValueMatcher {
  readonly wildcards: readonly string[];

  constructor(private readonly glob: Glob) {
    this.wildcards = [glob.source];
  }

  matches(value: unknown): boolean {
    return typeof value === 'string' && globMatches(this.glob, value);
  }
}

export function wildcardMatcher(source: string): ValueMatcher {
  return new WildcardMatcher(parseWildcard(source));
}
