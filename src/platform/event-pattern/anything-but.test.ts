import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.ts';

const MISSING = Symbol('missing');
const matches = (operand: unknown, value: unknown): boolean =>
  matchesEventPattern({ f: [{ 'anything-but': operand }] }, value === MISSING ? {} : { f: value });

describe('anything-but', () => {
  it.each([
    ['string', 'init', 'run', true],
    ['string excluded', 'init', 'init', false],
    ['missing field never matches', 'init', MISSING, false],
    ['null matches', 'init', null, true],
    ['other type matches', 123, '123', true],
    ['number list', [100, 200], 200, false],
    ['string list', ['a', 'b'], 'c', true],
    ['any array element that is not excluded', ['a'], ['a', 'b'], true],
    ['prefix', { prefix: 'init' }, 'init-1', false],
    ['prefix list', { prefix: ['a', 'b'] }, 'c1', true],
    ['prefix lets numbers through', { prefix: 'init' }, 12, true],
    ['suffix', { suffix: '.txt' }, 'a.txt', false],
    ['equals-ignore-case', { 'equals-ignore-case': ['Stopped'] }, 'STOPPED', false],
    ['wildcard', { wildcard: '*/lib/*' }, 'a/lib/b', false],
    ['empty wildcard excludes only the empty string', { wildcard: '' }, 'x', true],
  ])('%s', (_name, operand, value, expected) => {
    expect(matches(operand, value)).toBe(expected);
  });

  it.each([
    [null, 'Value of anything-but must be an array or single string/number value.'],
    [['a', 1], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [[], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [[true], 'Inside anything but list, start|null|boolean is not supported.'],
    [{}, 'Anything-But expression name not found'],
    [{ numeric: [1] }, 'Unsupported anything-but pattern: numeric'],
    [{ prefix: '' }, 'Null prefix/suffix not allowed'],
    [{ suffix: [1] }, 'prefix/suffix match pattern must be a string'],
    [{ 'equals-ignore-case': 1 }, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
    [{ wildcard: 'a**' }, 'Consecutive wildcard characters at pos 2'],
  ])('%j is refused', (operand, reason) => {
    expect(() => matches(operand, 'x')).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
