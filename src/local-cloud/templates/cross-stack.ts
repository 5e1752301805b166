import { NO_RESOURCES } from './conditions.ts';
import { TemplateError } from './errors.ts';
import { intrinsicName, isPlainObject } from './intrinsics.ts';
import type { LoadedStack } from './types.ts';

/**
 * Orders stacks so that each comes after the stacks whose exports it imports (`Fn::ImportValue`)
 * and those it depends on, as CloudFormation requires: several `--template` files may import from
 * each other. Export and import names are resolved from parameters alone; a name that needs a
 * resource cannot be ordered on and is ignored here.
 *
 * @throws TemplateError for stacks importing from each other in a cycle.
 */
export function orderStacks(stacks: readonly LoadedStack[]): LoadedStack[] {
  const exporters = new Map<string, LoadedStack>();
  for (const stack of stacks) for (const name of exportNames(stack)) exporters.set(name, stack);
  const byName = new Map(stacks.map((stack) => [stack.name, stack]));
  const ordered: LoadedStack[] = [];
  const visiting = new Set<LoadedStack>();
  const visit = (stack: LoadedStack) => {
    if (ordered.includes(stack)) return;
    if (visiting.has(stack)) throw new TemplateError(`stacks import from each other in a cycle through ${stack.name}`, { file: stack.file });
    visiting.add(stack);
    const upstream = [...importNames(stack).flatMap((name) => exporters.get(name) ?? []), ...stack.dependsOnStacks.flatMap((name) => byName.get(name) ?? [])];
    upstream.filter((other) => other !== stack).forEach(visit);
    visiting.delete(stack);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}

/** The export names of a stack's outputs that can be known before deployment. */
export function exportNames(stack: LoadedStack): string[] {
  return stack.outputs.flatMap((output) => (output.exportName === undefined ? [] : staticText(stack, output.exportName)));
}

/** The export names a stack imports, where they can be known before deployment. */
export function importNames(stack: LoadedStack): string[] {
  const found: unknown[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isPlainObject(value)) {
      if (intrinsicName(value) === 'Fn::ImportValue') found.push(value['Fn::ImportValue']);
      else Object.values(value).forEach(walk);
    }
  };
  stack.resources.forEach((resource) => walk(resource.properties));
  stack.outputs.forEach((output) => walk(output.value));
  return found.flatMap((name) => staticText(stack, name));
}

function staticText(stack: LoadedStack, value: unknown): string[] {
  try {
    const text = stack.resolver.resolve(value, NO_RESOURCES);
    return typeof text === 'string' ? [text] : [];
  } catch {
    return [];
  }
}
