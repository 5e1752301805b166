import { TemplateError } from './errors.ts';
import { evaluateCondition, isPlainObject } from './intrinsics.ts';
import type { ResolveScope } from './intrinsics.ts';
import type { ResourceLookup } from './types.ts';

/** Conditions are evaluated before any resource exists, so they may not name one. */
export const NO_RESOURCES: ResourceLookup = {
  ref(logicalId) {
    throw new TemplateError(`only parameters, pseudo parameters and mappings are known here, not the resource ${logicalId}`);
  },
  getAtt(logicalId) {
    throw new TemplateError(`only parameters, pseudo parameters and mappings are known here, not the resource ${logicalId}`);
  },
};

/**
 * Evaluates every entry of a template's `Conditions` section (conditions may use each other through
 * `Condition`; a cycle is an error).
 *
 * @returns the scope completed with `condition(name)`, and every condition's value.
 */
export function evaluateConditions(section: unknown, base: Omit<ResolveScope, 'condition'>): { scope: ResolveScope; values: Record<string, boolean> } {
  if (section !== undefined && !isPlainObject(section)) throw new TemplateError('Conditions must be a mapping', { file: base.file });
  const declared = section ?? {};
  const values: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const scope: ResolveScope = {
    ...base,
    condition(name: string): boolean {
      const known = values[name];
      if (known !== undefined) return known;
      if (!Object.hasOwn(declared, name)) throw new TemplateError(`no condition named ${name} in Conditions`, { file: base.file });
      if (evaluating.has(name)) throw new TemplateError(`conditions refer to each other in a cycle: ${[...evaluating, name].join(' -> ')}`, { file: base.file, logicalId: name });
      evaluating.add(name);
      const value = evaluateCondition(declared[name], scope, NO_RESOURCES, { logicalId: name });
      evaluating.delete(name);
      values[name] = value;
      return value;
    },
  };
  for (const name of Object.keys(declared)) scope.condition(name);
  return { scope, values };
}
