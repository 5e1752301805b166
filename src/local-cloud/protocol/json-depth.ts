/**
 * How deep JSON text nests, measured without parsing it. Parsing a deep document is cheap, but
 * everything after the parse recurses (JSON.stringify, structured clone to a function's worker,
 * the event-pattern matcher) and overflows the stack somewhere past 4,000 levels on Node 20: a
 * request's documents are checked against a limit before they go anywhere.
 */

/** Request documents of the AWS JSON protocols: AWS's request shapes nest a few levels. */
export const MAX_REQUEST_DEPTH = 64;
/** Documents carried inside a request (an event's Detail, a Lambda payload): far deeper than any real one, far below the stack's limit. */
export const MAX_DOCUMENT_DEPTH = 1_000;

/**
 * Whether JSON text nests deeper than `max` arrays and objects. Scans once, left to right, skipping
 * strings; text that is not JSON gives a meaningless answer, so parse it too.
 *
 * @example
 * exceedsDepth('[[1]]', 1); // true
 * exceedsDepth('{"a":"[[["}', 1); // false
 */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}
