import { pipePathProblem, readPipePath } from './json-path.ts';

/** The reserved variables' values for one event (`<aws.pipes.…>`). */
export interface TemplateContext {
  readonly pipeArn: string;
  readonly pipeName: string;
  readonly sourceArn: string;
  /** Empty when the pipe has no enrichment. */
  readonly enrichmentArn: string;
  readonly targetArn: string;
  /** ISO 8601: when the event reached this transformer. */
  readonly ingestionTime: string;
}

/** An input as the transformer reads it: the event as received, and as its JSON paths see it (body data parsed). */
export interface TemplateInput {
  readonly event: unknown;
  readonly decoded: unknown;
}

/** How a value is written: as JSON (outside quotes), as escaped text (inside a JSON string), as bare text (a free-text template). */
type Mode = 'json' | 'string' | 'text';
type Read = (input: TemplateInput, context: TemplateContext) => unknown;
type Part = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'value'; readonly read: Read; readonly mode: Mode };

const RESERVED: Readonly<Record<string, Read>> = {
  'aws.pipes.pipe-arn': (_, c) => c.pipeArn,
  'aws.pipes.pipe-name': (_, c) => c.pipeName,
  'aws.pipes.source-arn': (_, c) => c.sourceArn,
  'aws.pipes.enrichment-arn': (_, c) => c.enrichmentArn,
  'aws.pipes.target-arn': (_, c) => c.targetArn,
  'aws.pipes.event.ingestion-time': (_, c) => c.ingestionTime,
  'aws.pipes.event': (input) => input.event,
  'aws.pipes.event.json': (input) => input.decoded,
};

/**
 * A Pipes `InputTemplate`, compiled once. `<$.path>` reads the event (with SQS `body` and Kinesis
 * `data` parsed when they hold JSON), `<aws.pipes.…>` a reserved variable; other `<…>` is text.
 *
 * Rendering follows AWS's rules. A template that opens like JSON (`{`, `[` or `"`) is a JSON
 * template: a value outside quotes is written as JSON (a missing path as `""`, as EventBridge
 * does), one inside quotes as escaped text. Any other template is free text, where values are
 * written as text. As text, strings are written bare, `null` or a missing path as nothing, and an
 * object or array as its JSON without quote marks (AWS's documented `{"key": "value"}` →
 * `{key: value}`: wrap such values in a JSON template instead).
 *
 * @example
 * const template = InputTemplate.compile('{"id": <$.body.id>, "note": "from <aws.pipes.pipe-name>"}');
 * template.render({ event, decoded }, context); // '{"id": 7, "note": "from orders"}'
 */
export class InputTemplate {
  private readonly parts: readonly Part[];

  private constructor(parts: readonly Part[]) {
    this.parts = parts;
  }

  /** Throws when a placeholder names an unknown reserved variable or an unsupported JSON path. */
  static compile(template: string): InputTemplate {
    const json = /^\s*[{["]/.test(template);
    const parts: Part[] = [];
    let text = '';
    let quoted = false;
    for (let i = 0; i < template.length; i++) {
      const char = template[i]!;
      const end = char === '<' ? template.indexOf('>', i) : -1;
      const read = end > i ? placeholder(template.slice(i + 1, end)) : undefined;
      if (read) {
        if (text) parts.push({ kind: 'text', text });
        parts.push({ kind: 'value', read, mode: !json ? 'text' : quoted ? 'string' : 'json' });
        text = '';
        i = end;
        continue;
      }
      if (json && char === '"' && !escaped(template, i)) quoted = !quoted;
      text += char;
    }
    if (text) parts.push({ kind: 'text', text });
    return new InputTemplate(parts);
  }

  render(input: TemplateInput, context: TemplateContext): string {
    let output = '';
    for (const part of this.parts) {
      if (part.kind === 'text') output += part.text;
      else output += write(part.read(input, context), part.mode);
    }
    return output;
  }
}

function placeholder(name: string): Read | undefined {
  if (name.startsWith('$')) {
    const problem = pipePathProblem(name);
    if (problem) throw new Error(`InputTemplate: ${problem}`);
    return (input) => readPipePath(input.decoded, name);
  }
  if (name.startsWith('aws.pipes.') && !Object.hasOwn(RESERVED, name)) throw new Error(`InputTemplate: unknown variable <${name}>`);
  return Object.hasOwn(RESERVED, name) ? RESERVED[name] : undefined;
}

/** Whether the character at `index` is escaped by an odd run of backslashes before it. */
function escaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function write(value: unknown, mode: Mode): string {
  if (mode === 'json') return JSON.stringify(value === undefined ? '' : value);
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'object') text = JSON.stringify(value).replaceAll('"', '');
  else text = String(value);
  // Inside a JSON string the text is escaped, so the output stays JSON.
  return mode === 'string' ? JSON.stringify(text).slice(1, -1) : text;
}
