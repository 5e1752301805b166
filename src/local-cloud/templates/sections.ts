import { TemplateError } from './errors.ts';
import { isPlainObject } from './intrinsics.ts';
import { SAM_TRANSFORM } from './sam/transform.ts';
import type { TemplateOutput, TemplateResource, TemplateWarning } from './types.ts';

/** Transforms the loader applies or tolerates; any other macro would change the template in ways unknown here. */
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/**
 * Checks the template's `Transform`: the SAM transform is applied by the loader; the language
 * extensions are tolerated for the functions they add that the resolver knows (`Fn::Length`,
 * `Fn::ToJsonString`, `Fn::FindInMap` defaults); anything else is refused.
 */
export function checkTransforms(template: Record<string, unknown>, file: string): void {
  for (const transform of [template.Transform].flat()) {
    if (transform === undefined || transform === SAM_TRANSFORM || transform === LANGUAGE_EXTENSIONS) continue;
    const name = typeof transform === 'string' ? transform : JSON.stringify(transform);
    throw new TemplateError(`Transform ${name} is not supported locally (only ${SAM_TRANSFORM} and ${LANGUAGE_EXTENSIONS})`, { file, logicalId: 'Transform' });
  }
  if (JSON.stringify(template.Resources ?? {}).includes('"Fn::ForEach::')) {
    throw new TemplateError('Fn::ForEach (AWS::LanguageExtensions) is not supported locally', { file, logicalId: 'Resources' });
  }
}

/**
 * Every resource as declared (conditions not yet applied), validated for shape. A `DependsOn` on a
 * resource that is not there (often one SAM generates for a construct not emulated, like a REST
 * API stage) is dropped with a warning, so `--skip-unsupported` can still start.
 */
export function readResources(template: Record<string, unknown>, file: string, generatedFrom: ReadonlyMap<string, string>, warnings: TemplateWarning[]): TemplateResource[] {
  const section = template.Resources;
  if (!isPlainObject(section) || Object.keys(section).length === 0) throw new TemplateError('a template needs a Resources section with at least one resource', { file });
  const ids = new Set(Object.keys(section));
  return Object.entries(section).map(([logicalId, raw]) => {
    const fail = (detail: string, property?: string) => new TemplateError(detail, { file, logicalId, property });
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) throw fail('a logical id holds only letters and digits');
    if (!isPlainObject(raw)) throw fail('a resource must be a mapping');
    if (typeof raw.Type !== 'string') throw fail('a resource needs a Type', 'Type');
    if (raw.Properties !== undefined && !isPlainObject(raw.Properties)) throw fail('Properties must be a mapping', 'Properties');
    if (raw.Condition !== undefined && typeof raw.Condition !== 'string') throw fail('Condition must name a condition', 'Condition');
    if (raw.Metadata !== undefined && !isPlainObject(raw.Metadata)) throw fail('Metadata must be a mapping', 'Metadata');
    const declared = raw.DependsOn === undefined ? [] : [raw.DependsOn].flat();
    if (declared.some((dependency) => typeof dependency !== 'string')) throw fail('DependsOn must name resources', 'DependsOn');
    const dependsOn = (declared as string[]).filter((dependency) => {
      if (ids.has(dependency)) return true;
      warnings.push({ file, logicalId, type: raw.Type as string, property: 'DependsOn', message: `DependsOn names ${dependency}, which is not a resource of this template; ignored` });
      return false;
    });
    const from = generatedFrom.get(logicalId);
    return {
      logicalId,
      type: raw.Type,
      properties: raw.Properties ?? {},
      ...(raw.Condition === undefined ? {} : { condition: raw.Condition }),
      dependsOn,
      metadata: raw.Metadata ?? {},
      ...(from === undefined ? {} : { generatedFrom: from }),
    };
  });
}

/** The `Outputs` section, unresolved. */
export function readOutputs(template: Record<string, unknown>, file: string): TemplateOutput[] {
  const section = template.Outputs ?? {};
  if (!isPlainObject(section)) throw new TemplateError('Outputs must be a mapping', { file, logicalId: 'Outputs' });
  return Object.entries(section).map(([key, raw]) => {
    const fail = (detail: string) => new TemplateError(detail, { file, logicalId: 'Outputs', property: key });
    if (!isPlainObject(raw) || raw.Value === undefined) throw fail('an output needs a Value');
    const exported = raw.Export;
    if (exported !== undefined && (!isPlainObject(exported) || exported.Name === undefined)) throw fail('Export needs a Name');
    return {
      key,
      value: raw.Value,
      ...(typeof raw.Description === 'string' ? { description: raw.Description } : {}),
      ...(isPlainObject(exported) ? { exportName: exported.Name } : {}),
      ...(typeof raw.Condition === 'string' ? { condition: raw.Condition } : {}),
    };
  });
}

/** CDK adds this rule to every stack to check its bootstrap version; it has no local meaning. */
const CDK_BOOTSTRAP_RULE = 'CheckBootstrapVersion';

/** Template `Rules` are not evaluated locally; each one but CDK's bootstrap check is reported. */
export function ruleWarnings(template: Record<string, unknown>, file: string): TemplateWarning[] {
  const rules = isPlainObject(template.Rules) ? Object.keys(template.Rules) : [];
  return rules.filter((name) => name !== CDK_BOOTSTRAP_RULE).map((name) => ({ file, logicalId: name, message: `rule ${name} is not evaluated locally` }));
}

/** The `Mappings` section, checked to be a mapping of mappings. */
export function readMappings(template: Record<string, unknown>, file: string): Record<string, unknown> {
  const section = template.Mappings ?? {};
  if (!isPlainObject(section) || !Object.values(section).every(isPlainObject)) throw new TemplateError('Mappings must be a mapping of mappings', { file, logicalId: 'Mappings' });
  return section;
}
