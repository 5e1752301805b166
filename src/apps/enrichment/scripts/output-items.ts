/**
 * The contacts of an `output.json` (`{"enriched_contacts":[{...},...]}`) one at a time, parsed from a
 * byte stream as it arrives: only one contact is ever held as text, never the whole document.
 * Expects that shape (an object whose one array holds objects) and throws on anything else.
 *
 * @example
 * for await (const contact of outputItems((await fetch(downloadUrl)).body!)) count++;
 */
export async function* outputItems(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let depth = 0;
  let inString = false;
  let escaped = false;
  let item = '';
  let sawArray = false;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = depth >= 3 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') {
        if (depth < 2) {
          inString = true;
          continue;
        }
        if (depth === 2) throw new Error('output.json: enriched_contacts holds a string, not a contact');
        inString = true;
      } else if (char === '{' || char === '[') {
        if (depth === 0 && char !== '{') throw new Error('output.json is not a JSON object');
        if (depth === 1) {
          if (char !== '[' || sawArray) throw new Error('output.json: expected one array (enriched_contacts)');
          sawArray = true;
        }
        if (depth === 2) {
          if (char !== '{') throw new Error('output.json: enriched_contacts holds an array, not a contact');
          start = i;
        }
        depth++;
      } else if (char === '}' || char === ']') {
        depth--;
        if (depth === 2) {
          item += text.slice(start, i + 1);
          yield JSON.parse(item) as Record<string, unknown>;
          item = '';
          start = -1;
        }
      } else if (depth === 2 && char !== ',' && !/\s/.test(char)) {
        throw new Error(`output.json: unexpected "${char}" in enriched_contacts`);
      }
    }
    if (depth >= 3) item += text.slice(start);
  }
  if (depth !== 0 || !sawArray) throw new Error('output.json ends before the document does');
}
