import { describe, expect, it } from 'vitest';
import { compileFilterPattern, parseTerms } from './filter-pattern.ts';

const line = (level: string, message: string) => `2024-05-01T12:00:00.000Z\t6f1c0c2e-1111-4e5e-9c3a-6d1b2a3c4d5e\t${level}\t${message}`;

const cases: { pattern: string; matches: string[]; misses: string[] }[] = [
  { pattern: '', matches: ['anything', ''], misses: [] },
  { pattern: 'ERROR', matches: [line('ERROR', 'boom'), '[ERROR] 400'], misses: [line('INFO', 'error, lower case')] },
  { pattern: 'ERROR payment', matches: [line('ERROR', 'payment failed')], misses: [line('ERROR', 'stock'), line('INFO', 'payment ok')] },
  { pattern: '"Task timed out"', matches: ['2024-05-01T12:00:03.000Z abc Task timed out after 3.00 seconds'], misses: ['Task was timed out'] },
  { pattern: '?ERROR ?WARN', matches: [line('ERROR', 'x'), line('WARN', 'y')], misses: [line('INFO', 'z')] },
  { pattern: 'ERROR -Exiting', matches: [line('ERROR', 'retrying')], misses: [line('ERROR', 'Exiting now'), line('INFO', 'fine')] },
  { pattern: 'order -"health check"', matches: ['order placed'], misses: ['order health check'] },
  { pattern: '"say \\"hi\\""', matches: ['they say "hi" twice'], misses: ['they say hi'] },
  { pattern: '%o-\\d+%', matches: ['placed o-42'], misses: ['placed o-x'] },
  { pattern: '{ $.level = "ERROR" }', matches: ['{"level":"ERROR","message":"x"}', ' {"level": "ERROR"} '], misses: ['{"level":"INFO"}', line('INFO', '{"level":"ERROR"}'), 'ERROR', '{broken'] },
  { pattern: '{ $.level = ERROR }', matches: ['{"level":"ERROR"}'], misses: ['{"level":"ERRORS"}'] },
  { pattern: '{ $.count > 5 }', matches: ['{"count":6}', '{"count":5.5}'], misses: ['{"count":5}', '{"count":"9"}', '{"other":9}'] },
  { pattern: '{ $.count <= 5 }', matches: ['{"count":5}', '{"count":-1}'], misses: ['{"count":6}'] },
  { pattern: '{ $.count = 5 }', matches: ['{"count":5}'], misses: ['{"count":"5"}', '{"count":6}'] },
  { pattern: '{ $.count != 5 }', matches: ['{"count":6}'], misses: ['{"count":5}', '{}'] },
  { pattern: '{ $.level = "ERROR" && $.count > 5 }', matches: ['{"level":"ERROR","count":9}'], misses: ['{"level":"ERROR","count":1}', '{"level":"INFO","count":9}'] },
  { pattern: '{ $.level = "ERROR" || $.count > 5 }', matches: ['{"level":"ERROR"}', '{"level":"INFO","count":9}'], misses: ['{"level":"INFO","count":1}'] },
  {
    pattern: '{ ($.level = "WARN" || $.level = "ERROR") && $.user.id = 7 }',
    matches: ['{"level":"WARN","user":{"id":7}}', '{"level":"ERROR","user":{"id":7}}'],
    misses: ['{"level":"INFO","user":{"id":7}}', '{"level":"WARN","user":{"id":8}}'],
  },
  { pattern: '{ $.event = "Update*" }', matches: ['{"event":"UpdateTrail"}', '{"event":"Update"}'], misses: ['{"event":"CreateTrail"}'] },
  { pattern: '{ $.event != "Update*" }', matches: ['{"event":"CreateTrail"}'], misses: ['{"event":"UpdateTrail"}', '{}'] },
  { pattern: '{ $.tags[1] = "b" }', matches: ['{"tags":["a","b"]}'], misses: ['{"tags":["b"]}', '{"tags":"b"}'] },
  { pattern: '{ $["odd key"] = 1 }', matches: ['{"odd key":1}'], misses: ['{"odd":1}'] },
  { pattern: '{ $.code = "200" }', matches: ['{"code":200}', '{"code":"200"}'], misses: ['{"code":201}'] },
  { pattern: '{ $.reason IS NULL }', matches: ['{"reason":null}'], misses: ['{"reason":"x"}', '{}'] },
  { pattern: '{ $.retry IS TRUE }', matches: ['{"retry":true}'], misses: ['{"retry":"true"}', '{"retry":false}'] },
  { pattern: '{ $.retry IS FALSE }', matches: ['{"retry":false}'], misses: ['{"retry":true}'] },
  { pattern: '{ $.trace NOT EXISTS }', matches: ['{"level":"INFO"}'], misses: ['{"trace":null}', 'not json'] },
  { pattern: '{ $.message = %^order o-\\d+$% }', matches: ['{"message":"order o-17"}'], misses: ['{"message":"order o-x"}'] },
  { pattern: '{$.level="ERROR"&&$.count>=2}', matches: ['{"level":"ERROR","count":2}'], misses: ['{"level":"ERROR","count":1}'] },
];

describe('compileFilterPattern', () => {
  for (const { pattern, matches, misses } of cases) {
    it(`${pattern || '(empty)'}`, () => {
      const matcher = compileFilterPattern(pattern);
      for (const message of matches) expect(matcher(message), message).toBe(true);
      for (const message of misses) expect(matcher(message), message).toBe(false);
    });
  }

  it.each([
    ['{ $.level = "ERROR" ', /expected "}"/],
    ['{ level = "ERROR" }', /property selector/],
    ['{ $.count > "five" }', /needs a number/],
    ['{ $.a IS MAYBE }', /IS MAYBE/],
    ['{ $.a = }', /expected a value/],
    ['{ $.a = 1 } trailing', /unexpected text/],
    ['"unterminated', /unterminated quote/],
    ['%(unclosed%', /regular expression/],
    ['[ip, user, status]', /Space-delimited/],
    ['ERROR ?', /empty term/],
  ])('refuses %s with InvalidParameterException', (pattern, reason) => {
    expect(() => compileFilterPattern(pattern)).toThrow(expect.objectContaining({ code: 'InvalidParameterException', message: expect.stringMatching(reason) }));
  });
});

describe('parseTerms', () => {
  it('keeps phrases whole and reads each prefix', () => {
    expect(parseTerms('ERROR ?"two words" -skip')).toEqual([
      { text: 'ERROR', kind: 'required' },
      { text: 'two words', kind: 'optional' },
      { text: 'skip', kind: 'excluded' },
    ]);
  });
});
