import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.ts';

const matches = (terms: unknown[], value: unknown): boolean => matchesEventPattern({ n: [{ numeric: terms }] }, { n: value });

describe('numeric', () => {
  it.each([
    [['>', 0, '<=', 5], 5, true],
    [['>', 0, '<=', 5], 0, false],
    [['>=', 0, '<', 5], 0, true],
    [['<', 10], -3.5, true],
    [['=', 301.8], 301.8, true],
    [['=', 3], 3.0, true],
    [['>', 100], '300', false],
    [['>', 100], null, false],
    [['>', 0], 6e9, false],
  ])('%j against %j', (terms, value, expected) => {
    expect(matches(terms, value)).toBe(expected);
  });

  it.each([
    [10, 'Value of numeric must be an array.'],
    [[], 'Invalid member in numeric match: ]'],
    [[5], 'Invalid member in numeric match: 5'],
    [['!=', 5], 'Unrecognized numeric range operator: !='],
    [['=', '5'], 'Value of equals must be numeric'],
    [['<', 5, '>', 1], 'Too many elements in numeric expression'],
    [['>', 0, '>', 5], 'Bad numeric range operator: >'],
    [['>', 0, 5], 'Bad value in numeric range: 5'],
    [['>', 0, '<'], 'Value of < must be numeric'],
    [['>', 0, '<', 5, 6], 'Too many terms in numeric range expression'],
    [['>', 5, '<', 1], 'Bottom must be less than top'],
    [['=', 6e9], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
  ])('%j is refused', (terms, reason) => {
    expect(() => matches(terms as unknown[], 1)).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
