import { describe, expect, it } from 'vitest';
import { compileEventPattern, validateEventPattern } from './compile.ts';
import { InvalidEventPatternException } from './errors.ts';
import { MAX_PATTERN_LENGTH } from './input.ts';

describe('validateEventPattern', () => {
  it('accepts JSON text and values alike', () => {
    expect(() => validateEventPattern('{"source": ["a"]}')).not.toThrow();
    expect(() => validateEventPattern({ source: ['a'] })).not.toThrow();
  });

  it('throws the AWS exception with its message and the bare reason', () => {
    const error = captureError(() => validateEventPattern({ source: [] }));

    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect(error).toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Empty arrays are not allowed',
      reason: 'Empty arrays are not allowed',
    });
  });

  it.each([
    ['[]', 'Filter is not an object'],
    ['{}', 'Empty objects are not allowed'],
    ['{"a": {}}', 'Empty objects are not allowed'],
    ['{"a": "x"}', '"a" must be an object or an array'],
    ['{"a": [["x"]]}', 'Match value must be String, number, true, false, or null'],
  ])('refuses %s', (pattern, reason) => {
    expect(() => validateEventPattern(pattern)).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });

  it('refuses malformed JSON', () => {
    expect(() => validateEventPattern('{"a": [')).toThrow(InvalidEventPatternException);
  });

  it('refuses patterns longer than 4096 characters', () => {
    const fits = { a: ['x'.repeat(MAX_PATTERN_LENGTH - 10)] };
    const tooLong = { a: ['x'.repeat(MAX_PATTERN_LENGTH)] };

    expect(JSON.stringify(fits).length).toBe(MAX_PATTERN_LENGTH);
    expect(() => validateEventPattern(fits)).not.toThrow();
    expect(() => validateEventPattern(tooLong)).toThrow(/at most 4096 characters/);
  });
});

describe('filter dialect (Pipes, Lambda event-source mappings)', () => {
  it.each([
    [{ 'anything-but': { prefix: 'a' } }, 'Unsupported anything-but pattern: prefix'],
    [{ 'anything-but': { suffix: 'a' } }, 'Unsupported anything-but pattern: suffix'],
    [{ 'anything-but': { 'equals-ignore-case': 'a' } }, 'Unsupported anything-but pattern: equals-ignore-case'],
    [{ 'anything-but': { wildcard: 'a*' } }, 'Unsupported anything-but pattern: wildcard'],
    [{ wildcard: 'a*' }, 'Unrecognized match type wildcard'],
  ])('refuses %j', (expression, reason) => {
    const pattern = { body: { f: [expression] } };

    expect(() => validateEventPattern(pattern)).not.toThrow();
    expect(() => validateEventPattern(pattern, { dialect: 'filter' })).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });

  it('keeps the operators filters support', () => {
    const matcher = compileEventPattern(
      {
        body: {
          $or: [{ status: [{ 'anything-but': ['done'] }] }, { code: [{ numeric: ['>=', 500] }] }],
          region: [{ prefix: { 'equals-ignore-case': 'US-' } }],
          ip: [{ cidr: '10.0.0.0/8' }, { exists: false }],
        },
      },
      { dialect: 'filter' },
    );

    expect(matcher({ body: { status: 'open', region: 'us-east-1' } })).toBe(true);
    expect(matcher({ body: { status: 'done', code: 200, region: 'us-east-1' } })).toBe(false);
  });
});

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
