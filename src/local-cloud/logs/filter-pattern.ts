import { invalidParameter } from './errors.ts';
import { compileJsonPattern } from './json-pattern.ts';
import { closingQuote, compileRegex, unquote, type Matcher } from './pattern-syntax.ts';

export type { Matcher };

interface Term {
  readonly text: string;
  readonly kind: 'required' | 'optional' | 'excluded';
}

/**
 * Compiles a CloudWatch Logs filter pattern (FilterLogEvents, `aws logs tail --filter-pattern`):
 * - empty: every event;
 * - terms: `ERROR timeout` (all appear), `"Task timed out"` (a phrase), `?ERROR ?WARN` (at least
 *   one), `-Exiting` / `-"health check"` (none); case-sensitive, matched anywhere in the message;
 * - `%regex%`: a regular expression anywhere in the message;
 * - `{ $.level = "ERROR" && $.count > 5 }`: a JSON pattern (json-pattern.ts), for events whose
 *   whole message is JSON (Powertools' logger, Lambda's JSON log format).
 * Space-delimited patterns (`[ip, user, ...]`) are refused with InvalidParameterException rather
 * than matched wrongly.
 *
 * @example
 * const matches = compileFilterPattern('ERROR -"health check"');
 * matches('[ERROR] payment failed'); // true
 */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) throw invalidParameter('Space-delimited filter patterns ([w1, w2, ...]) are not supported by the eventloom local cloud; use terms, phrases or a JSON pattern.');
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    const regex = compileRegex(text.slice(1, -1));
    return (message) => regex.test(message);
  }
  return compileTerms(parseTerms(text));
}

function compileTerms(terms: readonly Term[]): Matcher {
  const required = terms.filter((term) => term.kind === 'required').map((term) => term.text);
  const optional = terms.filter((term) => term.kind === 'optional').map((term) => term.text);
  const excluded = terms.filter((term) => term.kind === 'excluded').map((term) => term.text);
  return (message) =>
    required.every((text) => message.includes(text)) &&
    (optional.length === 0 || optional.some((text) => message.includes(text))) &&
    !excluded.some((text) => message.includes(text));
}

/** Splits `ERROR ?WARN -"health check"` into terms; a quoted phrase keeps its spaces and `\"`. */
export function parseTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let index = 0;
  while (index < pattern.length) {
    if (/\s/.test(pattern[index]!)) {
      index++;
      continue;
    }
    const prefix = pattern[index];
    const kind = prefix === '?' ? 'optional' : prefix === '-' ? 'excluded' : 'required';
    if (kind !== 'required') index++;
    let text = '';
    if (pattern[index] === '"') {
      const end = closingQuote(pattern, index);
      text = unquote(pattern, index, end);
      index = end + 1;
    } else {
      while (index < pattern.length && !/\s/.test(pattern[index]!)) text += pattern[index++];
    }
    if (text === '') throw invalidParameter(`Invalid filter pattern: "${pattern}" has an empty term.`);
    terms.push({ text, kind });
  }
  return terms;
}
