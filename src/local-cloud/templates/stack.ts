import type { FileAsset } from './assets.ts';
import { evaluateConditions, NO_RESOURCES } from './conditions.ts';
import { TemplateError } from './errors.ts';
import { locateFunctionCode } from './functions.ts';
import { applyIncludes } from './include.ts';
import { resolveTemplateValue } from './intrinsics.ts';
import { dependencyOrder } from './order.ts';
import { resolveParameters } from './parameters.ts';
import { pseudoParameters, stackIdFor } from './pseudo.ts';
import { createStackResolver } from './resolver.ts';
import { transformSam, usesSam } from './sam/transform.ts';
import { checkTransforms, readMappings, readOutputs, readResources, ruleWarnings } from './sections.ts';
import type { LoadedStack, TemplateResource, TemplateWarning, UnsupportedFeature } from './types.ts';

/** One template to turn into a LoadedStack, wherever it came from. */
export interface StackSource {
  readonly template: Record<string, unknown>;
  readonly file: string;
  readonly dir: string;
  readonly stackName: string;
  readonly displayName: string;
  readonly dependsOnStacks: readonly string[];
  /** CDK file assets of the stack and the assembly directory their paths are relative to. */
  readonly assets?: { readonly list: readonly FileAsset[]; readonly dir: string };
  /** Found while parsing (a duplicate key …). */
  readonly warnings?: readonly TemplateWarning[];
}

export interface StackSettings {
  readonly region: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly cacheDir: string;
}

/**
 * Transform (SAM), parameters, conditions, the resources that remain, outputs, dependency order and
 * each function's code: everything about a stack that does not need a deployed resource.
 */
export async function buildStack(source: StackSource, settings: StackSettings): Promise<LoadedStack> {
  const { file } = source;
  checkTransforms(source.template, file);
  const sectionWarnings: TemplateWarning[] = [];
  const included = applyIncludes(source.template, file, source.dir, sectionWarnings);
  const sam = usesSam(included) ? transformSam(included, file, source.dir) : undefined;
  const template = sam?.template ?? included;
  const all = readResources(template, file, sam?.generatedFrom ?? new Map(), sectionWarnings);
  const parameters = resolveParameters(template.Parameters, settings.parameters, file);
  const { scope: conditionScope, values: conditions } = evaluateConditions(template.Conditions, {
    file,
    region: settings.region,
    pseudo: pseudoParameters(source.stackName, settings.region),
    parameters: parameters.values,
    mappings: readMappings(template, file),
    resources: new Set(all.map((resource) => resource.logicalId)),
    dropped: new Set(),
  });
  const holds = (condition: string | undefined, logicalId: string) => {
    if (condition === undefined) return true;
    try {
      return conditionScope.condition(condition);
    } catch (error) {
      throw error instanceof TemplateError ? error.withContext({ file, logicalId, property: 'Condition' }) : error;
    }
  };
  const resources = all.filter((resource) => holds(resource.condition, resource.logicalId));
  const kept = new Set(resources.map((resource) => resource.logicalId));
  const scope = { ...conditionScope, resources: kept, dropped: new Set(all.map((r) => r.logicalId).filter((id) => !kept.has(id))) };
  const outputs = readOutputs(template, file).filter((output) => holds(output.condition, `Outputs.${output.key}`));
  const withoutDroppedDependencies = resources.map((resource) => ({ ...resource, dependsOn: resource.dependsOn.filter((id) => kept.has(id)) }));
  const resolveStatic = (resource: TemplateResource) => (value: unknown, property: string) => resolveTemplateValue(value, scope, NO_RESOURCES, { logicalId: resource.logicalId, property });
  const functions = await Promise.all(
    withoutDroppedDependencies
      .filter((resource) => resource.type === 'AWS::Lambda::Function')
      .map((resource) =>
        locateFunctionCode(resource, {
          stackName: source.stackName,
          cacheDir: settings.cacheDir,
          assets: source.assets?.list,
          assemblyDir: source.assets?.dir,
          resolveStatic: resolveStatic(resource),
        }),
      ),
  );
  const warnings: TemplateWarning[] = [...(source.warnings ?? []), ...sectionWarnings, ...parameters.warnings, ...(sam?.warnings ?? []), ...ruleWarnings(template, file)];
  const unsupportedFeatures: UnsupportedFeature[] = [...(sam?.unsupported ?? [])];
  return {
    name: source.stackName,
    displayName: source.displayName,
    file,
    dir: source.dir,
    region: settings.region,
    stackId: stackIdFor(source.stackName, settings.region),
    ...(typeof template.Description === 'string' ? { description: template.Description } : {}),
    dependsOnStacks: source.dependsOnStacks,
    parameters: parameters.reported,
    conditions,
    resources: withoutDroppedDependencies,
    droppedResources: [...scope.dropped],
    outputs,
    functions,
    order: dependencyOrder(withoutDroppedDependencies, file),
    warnings,
    unsupportedFeatures,
    resolver: createStackResolver(scope, withoutDroppedDependencies, outputs),
  };
}
