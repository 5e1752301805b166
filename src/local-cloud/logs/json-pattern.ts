import { invalidParameter } from './errors.ts';
import { closingQuote, compileRegex, unquote, type Matcher } from './pattern-syntax.ts';

type Test = (document: unknown) => boolean;
type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

type Token =
  | { type: '(' | ')' | '&&' | '||' | '{' | '}' }
  | { type: 'op'; op: Operator }
  | { type: 'selector'; path: readonly (string | number)[]; text: string }
  | { type: 'string'; value: string }
  | { type: 'regex'; regex: RegExp }
  | { type: 'word'; value: string };

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A JSON filter pattern: `{ $.level = "ERROR" }`, `{ $.count > 5 }`, `{ $.user.id = 1 && $.tags[0] = "a*" }`,
 * `||`, parentheses, `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`, `%regex%` values. Strings match
 * whole values with `*` as a wildcard; numeric comparisons need a JSON number; a missing field
 * matches nothing but `NOT EXISTS`. An event whose message is not JSON never matches, as on AWS.
 */
export function compileJsonPattern(pattern: string): Matcher {
  const parser = new Parser(tokenize(pattern), pattern);
  parser.expect('{');
  const test = parser.expression();
  parser.expect('}');
  parser.end();
  return (message) => {
    const text = message.trim();
    if (!text.startsWith('{') && !text.startsWith('[')) return false;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return false;
    }
    return test(document);
  };
}

class Parser {
  #index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly pattern: string,
  ) {}

  expression(): Test {
    const alternatives = [this.#conjunction()];
    while (this.#accept('||')) alternatives.push(this.#conjunction());
    return alternatives.length === 1 ? alternatives[0]! : (document) => alternatives.some((test) => test(document));
  }

  expect(type: '{' | '}' | ')'): void {
    if (!this.#accept(type)) throw this.#invalid(`expected "${type}"`);
  }

  end(): void {
    if (this.#index < this.tokens.length) throw this.#invalid('unexpected text after "}"');
  }

  #conjunction(): Test {
    const all = [this.#primary()];
    while (this.#accept('&&')) all.push(this.#primary());
    return all.length === 1 ? all[0]! : (document) => all.every((test) => test(document));
  }

  #primary(): Test {
    if (this.#accept('(')) {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    const selector = this.tokens[this.#index++];
    if (selector?.type !== 'selector') throw this.#invalid('expected a property selector such as $.level');
    const read = (document: unknown) => select(document, selector.path);
    const next = this.tokens[this.#index++];
    if (next?.type === 'op') return comparison(read, next.op, this.#value(), this.pattern);
    if (next?.type === 'word' && next.value.toUpperCase() === 'IS') {
      const what = this.#word();
      if (what === 'NULL') return (document) => read(document) === null;
      if (what === 'TRUE') return (document) => read(document) === true;
      if (what === 'FALSE') return (document) => read(document) === false;
      throw this.#invalid(`IS ${what} (expected NULL, TRUE or FALSE)`);
    }
    if (next?.type === 'word' && next.value.toUpperCase() === 'NOT' && this.#word() === 'EXISTS') return (document) => read(document) === undefined;
    throw this.#invalid(`expected an operator after ${selector.text}`);
  }

  #value(): Token {
    const token = this.tokens[this.#index++];
    if (token?.type === 'string' || token?.type === 'regex' || token?.type === 'word') return token;
    throw this.#invalid('expected a value after the operator');
  }

  #word(): string {
    const token = this.tokens[this.#index++];
    return token?.type === 'word' ? token.value.toUpperCase() : '';
  }

  #accept(type: Token['type']): boolean {
    if (this.tokens[this.#index]?.type !== type) return false;
    this.#index++;
    return true;
  }

  #invalid(reason: string) {
    return invalidParameter(`Invalid JSON filter pattern ${this.pattern}: ${reason}.`);
  }
}

function comparison(read: (document: unknown) => unknown, op: Operator, value: Token, pattern: string): Test {
  const numeric = value.type === 'word' && NUMBER.test(value.value) ? Number(value.value) : undefined;
  if (numeric !== undefined) {
    const compare = numericComparison(op);
    return (document) => {
      const field = read(document);
      return typeof field === 'number' && compare(field, numeric);
    };
  }
  if (op !== '=' && op !== '!=') throw invalidParameter(`Invalid JSON filter pattern ${pattern}: ${op} needs a number.`);
  const regex = value.type === 'regex' ? value.regex : wildcard(value.type === 'string' || value.type === 'word' ? value.value : '');
  return (document) => {
    const field = read(document);
    if (field === undefined || field === null || typeof field === 'object') return false;
    return regex.test(String(field)) === (op === '=');
  };
}

function numericComparison(op: Operator): (field: number, value: number) => boolean {
  switch (op) {
    case '=':
      return (field, value) => field === value;
    case '!=':
      return (field, value) => field !== value;
    case '<':
      return (field, value) => field < value;
    case '<=':
      return (field, value) => field <= value;
    case '>':
      return (field, value) => field > value;
    case '>=':
      return (field, value) => field >= value;
  }
}

/** A whole-value match where `*` stands for any text. */
function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function select(document: unknown, path: readonly (string | number)[]): unknown {
  let current = document;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(current) : typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** Characters that end a bare word or a selector. */
const STOP = /[\s(){}"=!<>&|]/;

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const invalid = (reason: string) => invalidParameter(`Invalid JSON filter pattern ${pattern}: ${reason}.`);
  while (index < pattern.length) {
    const char = pattern[index]!;
    const pair = pattern.slice(index, index + 2);
    if (/\s/.test(char)) {
      index++;
    } else if (pair === '&&' || pair === '||') {
      tokens.push({ type: pair });
      index += 2;
    } else if (pair === '!=' || pair === '<=' || pair === '>=') {
      tokens.push({ type: 'op', op: pair });
      index += 2;
    } else if (char === '=' || char === '<' || char === '>') {
      tokens.push({ type: 'op', op: char });
      index++;
    } else if (char === '(' || char === ')' || char === '{' || char === '}') {
      tokens.push({ type: char });
      index++;
    } else if (char === '"') {
      const end = closingQuote(pattern, index);
      tokens.push({ type: 'string', value: unquote(pattern, index, end) });
      index = end + 1;
    } else if (char === '%') {
      const end = pattern.indexOf('%', index + 1);
      if (end < 0) throw invalid('unterminated %regex%');
      tokens.push({ type: 'regex', regex: compileRegex(pattern.slice(index + 1, end)) });
      index = end + 1;
    } else if (char === '$') {
      const start = index;
      index++;
      let end = index;
      while (end < pattern.length && (!STOP.test(pattern[end]!) || pattern[end] === '"')) {
        if (pattern[end] === '"') end = closingQuote(pattern, end);
        end++;
      }
      tokens.push({ type: 'selector', path: parsePath(pattern.slice(index, end), invalid), text: pattern.slice(start, end) });
      index = end;
    } else if (char === '&' || char === '|' || char === '!') {
      throw invalid(`unexpected "${char}"`);
    } else {
      let end = index;
      while (end < pattern.length && !STOP.test(pattern[end]!)) end++;
      tokens.push({ type: 'word', value: pattern.slice(index, end) });
      index = end;
    }
  }
  return tokens;
}

/** `.user.id`, `.tags[0]`, `["odd key"]` after the `$`. */
function parsePath(text: string, invalid: (reason: string) => Error): (string | number)[] {
  const path: (string | number)[] = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let index = 0;
  while (index < text.length) {
    step.lastIndex = index;
    const match = step.exec(text);
    if (!match) throw invalid(`bad property selector $${text}`);
    path.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!.replace(/\\(.)/g, '$1')));
    index = step.lastIndex;
  }
  if (path.length === 0) throw invalid('a property selector needs a field, e.g. $.level');
  return path;
}
