import { invalid } from './errors.ts';
import type { ValueMatcher } from './types.ts';

/**
 * `{"numeric": [">", 0, "<=", 5]}` and `{"numeric": ["=", 3.5]}`. AWS compares numbers in the
 * range ±5.0e9: operands outside it are refused, event values outside it never match, and only
 * JSON numbers match (the string "42" is not a number).
 */

export const NUMERIC_LIMIT = 5e9;

class NumericRange implements ValueMatcher {
  constructor(
    private readonly bottom: number,
    private readonly openBottom: boolean,
    private readonly top: number,
    private readonly openTop: boolean,
  ) {}

  matches(value: unknown): boolean {
    if (typeof value !== 'number' || !isComparable(value)) return false;
    const aboveBottom = this.openBottom ? value > this.bottom : value >= this.bottom;
    return aboveBottom && (this.openTop ? value < this.top : value <= this.top);
  }
}

export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** Throws AWS's message when a pattern number cannot be compared numerically. */
export function requireComparable(value: number): void {
  if (!isComparable(value)) throw invalid('Value must be between -5.0E9 and 5.0E9, inclusive');
}

function range(bottom: number, openBottom: boolean, top: number, openTop: boolean): ValueMatcher {
  if (bottom >= top) throw invalid('Bottom must be less than top');
  requireComparable(bottom);
  requireComparable(top);
  return new NumericRange(bottom, openBottom, top, openTop);
}

/** How AWS's JSON parser prints the offending token in its messages. */
function tokenText(token: unknown, present: boolean): string {
  if (!present) return ']';
  if (Array.isArray(token)) return '[';
  if (typeof token === 'object' && token !== null) return '{';
  return String(token);
}

function requireNumber(value: unknown, operator: string): number {
  if (typeof value !== 'number') throw invalid(`Value of ${operator} must be numeric`);
  return value;
}

/** Parses the array of a `numeric` expression (the caller checks it is an array). */
export function numericMatcher(terms: readonly unknown[]): ValueMatcher {
  const operator = terms[0];
  if (typeof operator !== 'string') throw invalid(`Invalid member in numeric match: ${tokenText(operator, terms.length > 0)}`);
  switch (operator) {
    case '=': {
      const value = requireNumber(terms[1], 'equals');
      if (terms.length > 2) throw invalid('Too many elements in numeric expression');
      requireComparable(value);
      return new NumericRange(value, false, value, false);
    }
    case '>':
    case '>=': {
      const bottom = requireNumber(terms[1], operator);
      if (terms.length === 2) return range(bottom, operator === '>', NUMERIC_LIMIT, false);
      return completeRange(terms, bottom, operator === '>');
    }
    case '<':
    case '<=': {
      const top = requireNumber(terms[1], operator);
      if (terms.length > 2) throw invalid('Too many elements in numeric expression');
      return range(-NUMERIC_LIMIT, false, top, operator === '<');
    }
    default:
      throw invalid(`Unrecognized numeric range operator: ${operator}`);
  }
}

function completeRange(terms: readonly unknown[], bottom: number, openBottom: boolean): ValueMatcher {
  const operator = terms[2];
  if (typeof operator !== 'string') throw invalid(`Bad value in numeric range: ${tokenText(operator, true)}`);
  if (operator !== '<' && operator !== '<=') throw invalid(`Bad numeric range operator: ${operator}`);
  const top = requireNumber(terms[3], operator);
  if (terms.length > 4) throw invalid('Too many terms in numeric range expression');
  return range(bottom, openBottom, top, operator === '<');
}
