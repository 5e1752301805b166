import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { TemplateError } from './errors.ts';
import type { TemplateWarning } from './types.ts';

/**
 * Short-form tags CloudFormation's YAML accepts. `!X value` means `{ "Fn::X": value }`, except `!Ref`
 * and `!Condition`, which have no `Fn::` prefix, and `!GetAtt a.b`, whose scalar form splits at the
 * first dot.
 */
const FUNCTION_TAGS = new Set([
  'And', 'Base64', 'Cidr', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'Equals', 'FindInMap', 'ForEach',
  'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or', 'RefAll', 'Select', 'Split', 'Sub',
  'ToJsonString', 'Transform', 'ValueOf', 'ValueOfAll',
]);

/**
 * Parses a CloudFormation / SAM template, YAML or JSON, into its long JSON form (`!Ref x` becomes
 * `{ "Ref": "x" }`, `!GetAtt a.b` becomes `{ "Fn::GetAtt": ["a", "b"] }` …).
 *
 * A key repeated in one mapping is not an error: CloudFormation deploys such a template with the
 * last value, and so does this parser, adding a warning to `warnings` when given.
 *
 * @example parseTemplate(readFileSync(file, 'utf8'), file).Resources
 * @throws TemplateError naming `file` and the line of the first problem.
 */
export function parseTemplate(text: string, file: string, warnings?: TemplateWarning[]): Record<string, unknown> {
  const value = looksLikeJson(file, text) ? parseJson(text, file) : parseYaml(text, file, warnings);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateError('a template must be a mapping with a Resources section', { file });
  }
  return value as Record<string, unknown>;
}

function looksLikeJson(file: string, text: string): boolean {
  return file.endsWith('.json') || text.trimStart().startsWith('{');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TemplateError(`invalid JSON: ${message}`, { file, line: jsonErrorLine(text, message), cause: error });
  }
}

// Depending on the Node version JSON.parse reports "at position N", "(line L column C)" or only an
// excerpt around the bad token (V8 shows 10 characters before it), from which the line is recovered.
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /\(line (\d+) column/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  if (message.includes('end of JSON input')) return text.trimEnd().split('\n').length;
  const excerpt = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (!excerpt) return undefined;
  const [, token = '', cut, shown = ''] = excerpt;
  const start = text.indexOf(shown);
  return start === -1 ? undefined : lineAt(text, start + (cut ? 10 : Math.max(0, shown.indexOf(token))));
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function parseYaml(text: string, file: string, warnings: TemplateWarning[] | undefined): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const [first] = doc.errors;
  if (first) {
    // The pretty message ends with " at line L, column C:" and a code excerpt; the line is reported apart.
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new TemplateError(`invalid YAML: ${reason}`, { file, line: first.linePos?.[0].line, cause: first });
  }
  return toJson(doc.contents, { doc, file, lines, warnings });
}

interface Walk {
  readonly doc: Document;
  readonly file: string;
  readonly lines: LineCounter;
  readonly warnings: TemplateWarning[] | undefined;
}

function toJson(node: unknown, walk: Walk): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toJson(node.resolve(walk.doc), walk);
  const plain = isScalar(node) ? node.value : isSeq(node) ? seqToJson(node.items, walk) : isMap(node) ? mapToJson(node.items, walk) : node;
  const tag = (node as Node).tag;
  return tag === undefined || tag.startsWith('tag:yaml.org,2002:') ? plain : applyTag(tag, plain, node as Node, walk);
}

function seqToJson(items: readonly unknown[], walk: Walk): unknown[] {
  return items.map((item) => toJson(item, walk));
}

function mapToJson(items: readonly { key: unknown; value: unknown }[], walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of items) {
    const key = String(toJson(pair.key, walk));
    if (Object.hasOwn(out, key)) {
      const range = (pair.key as Node | null)?.range;
      const line = range ? walk.lines.linePos(range[0]).line : undefined;
      walk.warnings?.push({ file: walk.file, message: `line ${line ?? '?'}: key ${key} appears twice in one mapping; the last value is used, as CloudFormation does` });
    }
    out[key] = toJson(pair.value, walk);
  }
  return out;
}

function applyTag(tag: string, value: unknown, node: Node, walk: Walk): unknown {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (FUNCTION_TAGS.has(name)) return { [`Fn::${name}`]: value ?? '' };
  const line = node.range ? walk.lines.linePos(node.range[0]).line : undefined;
  throw new TemplateError(`unknown tag ${tag} (CloudFormation knows !Ref, !Condition and !<Fn> for its intrinsic functions)`, { file: walk.file, line });
}
