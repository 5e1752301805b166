import { TemplateError } from './errors.ts';
import { referencedNames } from './refs.ts';
import type { TemplateResource } from './types.ts';

/**
 * For each resource, the resources of the same stack it refers to (`Ref`/`GetAtt`/`Sub`) or
 * `DependsOn`. A SAM resource the transform left as it is (a macro not expanded locally, so never
 * deployed) only counts its `DependsOn`: its properties reference what its expansion would.
 */
export function resourceDependencies(resources: readonly TemplateResource[]): Map<string, Set<string>> {
  const ids = new Set(resources.map((resource) => resource.logicalId));
  const graph = new Map<string, Set<string>>();
  for (const resource of resources) {
    const names = resource.type.startsWith('AWS::Serverless::') ? new Set<string>() : referencedNames(resource.properties);
    for (const dependency of resource.dependsOn) names.add(dependency);
    graph.set(resource.logicalId, new Set([...names].filter((name) => ids.has(name) && name !== resource.logicalId)));
  }
  return graph;
}

/**
 * Logical ids ordered so that every resource comes after what it depends on, otherwise in template
 * order (a resource is never created before its inputs, as CloudFormation guarantees).
 *
 * @throws TemplateError naming the resources of a dependency cycle.
 */
export function dependencyOrder(resources: readonly TemplateResource[], file: string): string[] {
  const graph = resourceDependencies(resources);
  const placed = new Set<string>();
  const order: string[] = [];
  const pending = resources.map((resource) => resource.logicalId);
  while (pending.length > 0) {
    const next = pending.findIndex((id) => [...graph.get(id)!].every((dependency) => placed.has(dependency)));
    if (next === -1) throw new TemplateError(`circular dependency between resources: ${describeCycle(graph, pending)}`, { file });
    const [id] = pending.splice(next, 1) as [string];
    placed.add(id);
    order.push(id);
  }
  return order;
}

function describeCycle(graph: Map<string, Set<string>>, pending: readonly string[]): string {
  const open = new Set(pending);
  const path: string[] = [];
  let current = pending[0]!;
  while (!path.includes(current)) {
    path.push(current);
    current = [...graph.get(current)!].find((dependency) => open.has(dependency))!;
  }
  return [...path.slice(path.indexOf(current)), current].join(' -> ');
}
