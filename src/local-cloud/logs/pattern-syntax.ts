import { invalidParameter } from './errors.ts';

/** Whether one event's message matches a filter pattern. */
export type Matcher = (message: string) => boolean;

/** A `%…%` regular expression, as text and JSON patterns write it. */
export function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw invalidParameter(`Invalid regular expression in filter pattern: %${source}%`, { cause: error });
  }
}

/** Index of the `"` closing the quoted text opened at `open` (`\"` does not close it). */
export function closingQuote(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  throw invalidParameter(`Invalid filter pattern: unterminated quote in ${text}`);
}

/** The text between quotes, with `\"` and `\\` unescaped. */
export function unquote(text: string, open: number, close: number): string {
  return text.slice(open + 1, close).replace(/\\(["\\])/g, '$1');
}
