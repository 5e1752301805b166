import { invalid } from './errors.ts';
import { exactValue } from './matchers.ts';
import { matchExpression } from './operators.ts';
import { isJsonObject, type FieldRule, type JsonObject, type ParseContext, type ValueMatcher } from './types.ts';

/**
 * Walks a pattern object into its `$or` branches, as AWS's matcher does: nested keys become
 * dotted paths (`{"detail": {"state": [..]}}` → `detail.state`), and each `$or` multiplies the
 * branches built so far by its alternatives.
 */

type Branch = Map<string, FieldRule>;

const OR = '$or';

/** Names AWS refuses as field names inside `$or` (operator names and reserved words). */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric',
  'cidr', 'html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

export function patternBranches(pattern: JsonObject, context: ParseContext): Branch[] {
  const branches: Branch[] = [];
  walkObject(branches, [], pattern, false, context);
  return branches;
}

function walkObject(branches: Branch[], path: string[], object: JsonObject, insideOr: boolean, context: ParseContext): void {
  const keys = Object.keys(object);
  if (keys.length === 0) throw invalid('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === OR) {
      walkOr(branches, path, value, context);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw invalid(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    if (Array.isArray(value)) {
      addField(branches, [...path, key].join('.'), value, context);
    } else if (isJsonObject(value)) {
      path.push(key);
      walkObject(branches, path, value, insideOr, context);
      path.pop();
    } else {
      throw invalid(`"${key}" must be an object or an array`);
    }
  }
}

function walkOr(branches: Branch[], path: string[], alternatives: unknown, context: ParseContext): void {
  const before = branches.map((branch) => new Map(branch));
  branches.length = 0;
  if (!Array.isArray(alternatives)) throw invalid(`It must be an Array followed with ${OR}.`);
  for (const alternative of alternatives) {
    if (!isJsonObject(alternative)) throw invalid(`Only JSON object is allowed in array of ${OR} relationship.`);
    const forked = before.length === 0 ? [new Map<string, FieldRule>()] : before.map((branch) => new Map(branch));
    walkObject(forked, path, alternative, true, context);
    branches.push(...forked);
  }
  if (alternatives.length < 2) throw invalid(`There must have at least 2 Objects in ${OR} relationship.`);
}

/** A field's array of alternatives: values and match expressions, OR-ed together. */
function addField(branches: Branch[], path: string, alternatives: readonly unknown[], context: ParseContext): void {
  const matchers: ValueMatcher[] = [];
  for (const alternative of alternatives) {
    if (isJsonObject(alternative)) matchers.push(matchExpression(alternative, context));
    else if (alternative === null || ['string', 'number', 'boolean'].includes(typeof alternative)) {
      matchers.push(exactValue(alternative as string | number | boolean | null));
    } else throw invalid('Match value must be String, number, true, false, or null');
  }
  if (matchers.length === 0) throw invalid('Empty arrays are not allowed');
  if (branches.length === 0) branches.push(new Map());
  const field: FieldRule = { path, matchers };
  for (const branch of branches) branch.set(path, field);
}
