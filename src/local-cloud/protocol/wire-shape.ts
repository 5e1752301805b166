import { quoteValue } from './errors.ts';

/**
 * A request member's wire type, for services whose handlers take a whole structure (REST-JSON
 * bodies): a scalar name, a structure of members, or a list of one shape. Members not named are
 * not checked (the service ignores them).
 */
export type WireShape = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | { readonly [member: string]: WireShape } | readonly [WireShape];

/**
 * The first member of `value` whose wire type differs from `shape`, as a message naming it
 * (`Target.Arn: expected a string, got a number: 123`); undefined when every member fits. Absent and
 * null members fit (required ones are the service's check). A timestamp is epoch seconds or a string.
 *
 * @example
 * wireTypeProblem({ Target: { Arn: 1 } }, { Target: { Arn: 'string' } }); // 'Target.Arn: expected a string, got a number: 1'
 */
export function wireTypeProblem(value: unknown, shape: WireShape, path = ''): string | undefined {
  if (value === undefined || value === null) return undefined;
  const at = (member: string) => (path ? `${path}.${member}` : member);
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return mismatch(path, 'a list', value);
    for (const [index, item] of value.entries()) {
      const problem = wireTypeProblem(item, shape[0], `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof shape === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return mismatch(path, 'a structure', value);
    for (const [member, memberShape] of Object.entries(shape)) {
      const problem = wireTypeProblem((value as Record<string, unknown>)[member], memberShape, at(member));
      if (problem) return problem;
    }
    return undefined;
  }
  const fits =
    shape === 'string' ? typeof value === 'string'
    : shape === 'integer' ? Number.isSafeInteger(value)
    : shape === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : shape === 'boolean' ? typeof value === 'boolean'
    : (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
  return fits ? undefined : mismatch(path, shape === 'integer' ? 'an integer' : `a ${shape}`, value);
}

function mismatch(path: string, expected: string, value: unknown): string {
  const actual = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return `${path || 'the body'}: expected ${expected}, got ${actual}: ${quoteValue(value, 60)}`;
}
