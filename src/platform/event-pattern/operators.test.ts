import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.ts';

const matches = (field: unknown[], value: unknown): boolean =>
  matchesEventPattern({ detail: { f: field } }, { detail: value === MISSING ? {} : { f: value } });
const MISSING = Symbol('missing');

describe('exact values', () => {
  it.each([
    ['string', ['a'], 'a', true],
    ['string is case sensitive', ['a'], 'A', false],
    ['number compares numerically', [300], 300.0, true],
    ['number never equals its string', [300], '300', false],
    ['string never equals a number', ['300'], 300, false],
    ['boolean', [false], false, true],
    ['null matches explicit null', [null], null, true],
    ['null does not match missing', [null], MISSING, false],
    ['null does not match "null"', [null], 'null', false],
    ['empty string', [''], '', true],
    ['alternatives are OR-ed', ['a', 'b'], 'b', true],
    ['IP addresses compare as addresses', ['2001:db8::1'], '2001:0db8:0:0:0:0:0:1', true],
  ])('%s', (_name, field, value, expected) => {
    expect(matches(field, value)).toBe(expected);
  });
});

describe('string operators', () => {
  it.each([
    ['prefix', [{ prefix: 'us-' }], 'us-east-1', true],
    ['prefix ignores numbers', [{ prefix: '1' }], 12, false],
    ['empty prefix matches any string', [{ prefix: '' }], 'x', true],
    ['prefix ignoring case', [{ prefix: { 'equals-ignore-case': 'EventB' } }], 'eventbridge', true],
    ['suffix', [{ suffix: '.png' }], 'a.png', true],
    ['suffix is case sensitive', [{ suffix: '.PNG' }], 'a.png', false],
    ['suffix ignoring case', [{ suffix: { 'equals-ignore-case': '.png' } }], 'A.PNG', true],
    ['equals-ignore-case', [{ 'equals-ignore-case': 'alice' }], 'ALICE', true],
    ['equals-ignore-case is whole-value', [{ 'equals-ignore-case': 'alice' }], 'alice2', false],
    ['equals-ignore-case escapes regexp syntax', [{ 'equals-ignore-case': 'a.c' }], 'abc', false],
    ['exactly', [{ exactly: 'a' }], 'a', true],
  ])('%s', (_name, field, value, expected) => {
    expect(matches(field, value)).toBe(expected);
  });
});

describe('exists', () => {
  it.each([
    ['true matches a value', true, 'x', true],
    ['true matches null', true, null, true],
    ['true does not match missing', true, MISSING, false],
    ['true does not match an object (leaves only)', true, { a: 1 }, false],
    ['true does not match an empty array', true, [], false],
    ['false matches missing', false, MISSING, true],
    ['false does not match a value', false, 'x', false],
  ])('%s', (_name, exists, value, expected) => {
    expect(matches([{ exists }], value)).toBe(expected);
  });
});

describe('match-expression syntax', () => {
  it.each([
    [{ prefix: 'a', suffix: 'b' }, 'Only one key allowed in match expression'],
    [{}, 'Match expression name not found'],
    [{ Prefix: 'a' }, 'Unrecognized match type Prefix'],
    [{ prefix: { 'equals-ignore-case': 1 } }, 'equals-ignore-case match pattern must be a string'],
    [{ suffix: { exactly: 'a' } }, 'Unsupported suffix pattern: exactly'],
    [{ exists: 'yes' }, 'exists match pattern must be either true or false.'],
  ])('%j is refused', (expression, reason) => {
    expect(() => matchesEventPattern({ f: [expression] }, {})).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
