import { describe, expect, it } from 'vitest';
import { matchesEventPattern, validateEventPattern } from './compile.ts';
import { globMatches, parseWildcard } from './wildcard.ts';

describe('wildcard', () => {
  it.each([
    ['*.png', 'dir/a.png', true],
    ['*.png', 'a.jpg', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['', '', true],
    ['', 'x', false],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['a\\\\b', 'a\\b', true],
  ])('%s against %s', (pattern, value, expected) => {
    expect(globMatches(parseWildcard(pattern), value)).toBe(expected);
  });

  it('matches strings only', () => {
    expect(matchesEventPattern({ f: [{ wildcard: '1*' }] }, { f: 12 })).toBe(false);
  });

  it.each([
    ['a**b', 'Consecutive wildcard characters at pos 2'],
    ['é**', 'Consecutive wildcard characters at pos 3'],
    ['a\\b', 'Invalid escape character at pos 2'],
    ['a\\', 'Invalid escape character at pos 2'],
  ])('%s is refused', (pattern, reason) => {
    expect(() => parseWildcard(pattern)).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });

  it('refuses patterns that keep too many partial matches alive', () => {
    expect(() => validateEventPattern({ f: [{ wildcard: '*:*:*:*:*:event-bus/*' }] })).toThrow('Rule is too complex');
    expect(() => validateEventPattern({ f: [{ wildcard: 'arn:aws:events:*:*:event-bus/*' }] })).not.toThrow();
  });

  it('counts every wildcard of a field together', () => {
    const keys = ['*/datasync/*.bif', '*/datasync/*.tif', '*/datasync/*.tiff', '*/datasync/*.svs'];

    expect(() => validateEventPattern({ key: keys.slice(0, 2).map((wildcard) => ({ wildcard })) })).not.toThrow();
    expect(() => validateEventPattern({ key: keys.map((wildcard) => ({ wildcard })) })).toThrow('Rule is too complex');
  });
});
