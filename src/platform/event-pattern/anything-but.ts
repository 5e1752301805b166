import { invalid } from './errors.ts';
import { ignoreCaseRegExp } from './matchers.ts';
import { requireComparable } from './numeric.ts';
import { globMatches, parseWildcard, type Glob } from './wildcard.ts';
import { isJsonObject, type ParseContext, type ValueMatcher } from './types.ts';

/**
 * `anything-but` in its forms: a value, a list of values, or `{prefix | suffix |
 * equals-ignore-case | wildcard}` of a value or a list. It matches present values only (a
 * missing field never matches), and a value of another JSON type than the excluded ones always
 * matches: `{"anything-but": "x"}` matches null, and `{"anything-but": {"prefix": "a"}}` matches 12.
 */

type Variant = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
const VARIANTS: ReadonlySet<string> = new Set<Variant>(['prefix', 'suffix', 'equals-ignore-case', 'wildcard']);

/** The message AWS gives for a non-string inside each variant. */
const NOT_A_STRING: Readonly<Record<Variant, string>> = {
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  'equals-ignore-case': 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  wildcard: 'wildcard match pattern must be a string',
};

class ExcludedValues implements ValueMatcher {
  constructor(
    private readonly strings: ReadonlySet<string>,
    private readonly numbers: ReadonlySet<number>,
  ) {}

  matches(value: unknown): boolean {
    if (typeof value === 'string') return !this.strings.has(value);
    if (typeof value === 'number') return !this.numbers.has(value);
    return true;
  }
}

/** Excludes strings by prefix, suffix, case-insensitive equality or wildcard; other types match. */
class ExcludedStrings implements ValueMatcher {
  readonly wildcards?: readonly string[];
  private readonly globs: readonly Glob[];
  private readonly ignoreCase: RegExp | undefined;

  constructor(
    private readonly variant: Variant,
    private readonly texts: readonly string[],
  ) {
    this.globs = variant === 'wildcard' ? texts.map(parseWildcard) : [];
    if (variant === 'wildcard') this.wildcards = texts;
    this.ignoreCase = variant === 'equals-ignore-case' && texts.length > 0 ? ignoreCaseRegExp(texts, 'equals') : undefined;
  }

  matches(value: unknown): boolean {
    return typeof value !== 'string' || !this.excludes(value);
  }

  private excludes(value: string): boolean {
    const { texts } = this;
    switch (this.variant) {
      case 'prefix':
        for (let i = 0; i < texts.length; i++) if (value.startsWith(texts[i] as string)) return true;
        return false;
      case 'suffix':
        for (let i = 0; i < texts.length; i++) if (value.endsWith(texts[i] as string)) return true;
        return false;
      case 'equals-ignore-case':
        return this.ignoreCase !== undefined && this.ignoreCase.test(value);
      case 'wildcard':
        for (let i = 0; i < this.globs.length; i++) if (globMatches(this.globs[i] as Glob, value)) return true;
        return false;
    }
  }
}

/**
 * Parses the value of an `anything-but` key. `alone` says whether `anything-but` was the only key
 * of its match expression. Pipes and Lambda filters (`dialect: 'filter'`) do not support the
 * prefix / suffix / equals-ignore-case / wildcard variants (AWS's operator table lists them as
 * unsupported for pipes), so that dialect refuses them with the message AWS's matcher gives for an
 * unknown variant.
 */
export function anythingButMatcher(value: unknown, alone: boolean, context: ParseContext): ValueMatcher {
  let variant: Variant | undefined;
  let operand = value;
  let innerAlone = true;
  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    const name = keys[0];
    if (name === undefined) throw invalid('Anything-But expression name not found');
    if (!VARIANTS.has(name) || context.dialect === 'filter') throw invalid(`Unsupported anything-but pattern: ${name}`);
    variant = name as Variant;
    operand = value[name];
    innerAlone = keys.length === 1;
  }
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    throw invalid('Value of anything-but must be an array or single string/number value.');
  }
  const values: readonly unknown[] = Array.isArray(operand) ? operand : [operand];
  const matcher = variant === undefined ? excludedValues(values, Array.isArray(operand)) : excludedStrings(variant, values);
  if (!alone || !innerAlone) throw invalid('Too many elements in numeric expression');
  return matcher;
}

function excludedValues(values: readonly unknown[], isList: boolean): ValueMatcher {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const value of values) {
    if (typeof value === 'string') strings.add(value);
    else if (typeof value === 'number') {
      requireComparable(value);
      numbers.add(value);
    } else throw invalid('Inside anything but list, start|null|boolean is not supported.');
  }
  if (isList && (strings.size > 0) === (numbers.size > 0)) {
    throw invalid('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return new ExcludedValues(strings, numbers);
}

function excludedStrings(variant: Variant, values: readonly unknown[]): ValueMatcher {
  const texts: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') throw invalid(NOT_A_STRING[variant]);
    if ((variant === 'prefix' || variant === 'suffix') && value === '') throw invalid('Null prefix/suffix not allowed');
    texts.push(value);
  }
  return new ExcludedStrings(variant, texts);
}
