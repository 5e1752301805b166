import { TemplateError } from './errors.ts';
import { isPlainObject, resolveTemplateValue } from './intrinsics.ts';
import type { ResolveScope } from './intrinsics.ts';
import type { ResolvedOutput, ResourceLookup, StackResolver, TemplateOutput, TemplateResource, ValueLocation } from './types.ts';

/**
 * A stack's resolver: values are resolved only when asked, so the integrator can deploy storage
 * first and resolve what refers to it afterwards.
 */
export function createStackResolver(scope: ResolveScope, resources: readonly TemplateResource[], outputs: readonly TemplateOutput[]): StackResolver {
  const byId = new Map(resources.map((resource) => [resource.logicalId, resource]));
  return {
    resolve(value: unknown, lookup: ResourceLookup, at?: ValueLocation): unknown {
      return resolveTemplateValue(value, scope, lookup, at);
    },
    resolveProperties(logicalId: string, lookup: ResourceLookup): Record<string, unknown> {
      const resource = byId.get(logicalId);
      if (resource === undefined) throw new TemplateError(`no resource ${logicalId} in this stack`, { file: scope.file, logicalId });
      const resolved = resolveTemplateValue(resource.properties, scope, lookup, { logicalId, property: 'Properties' });
      return isPlainObject(resolved) ? resolved : {};
    },
    resolveOutputs(lookup: ResourceLookup): ResolvedOutput[] {
      return outputs.map((output) => {
        const at = (property: string) => ({ property: `Outputs.${output.key}.${property}` });
        const value = outputText(resolveTemplateValue(output.value, scope, lookup, at('Value')));
        const exportName = output.exportName === undefined ? undefined : outputText(resolveTemplateValue(output.exportName, scope, lookup, at('Export.Name')));
        return { key: output.key, value, ...(output.description === undefined ? {} : { description: output.description }), ...(exportName === undefined ? {} : { exportName }) };
      });
    },
    condition(name: string): boolean {
      return scope.condition(name);
    },
  };
}

/** Outputs are strings on AWS; a list (e.g. subnets) reads as its comma-joined elements. */
function outputText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
