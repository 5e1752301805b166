import { intrinsicName, isPlainObject } from './intrinsics.ts';
import { subVariables } from './sub.ts';

/**
 * Every name a template value refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub` (both forms), in
 * every branch of `Fn::If`. Parameters and resources alike; pseudo parameters (`AWS::…`) are left
 * out. Callers keep the names that are resources.
 */
export function referencedNames(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
    return into;
  }
  if (!isPlainObject(value)) return into;
  const name = intrinsicName(value);
  const arg = name === undefined ? undefined : value[name];
  if (name === 'Ref' && typeof arg === 'string') add(into, arg);
  else if (name === 'Fn::GetAtt') addGetAtt(into, arg);
  else if (name === 'Fn::Sub') addSub(into, arg);
  else if (name === 'Fn::If' && Array.isArray(arg)) referencedNames(arg.slice(1), into);
  else for (const child of Object.values(value)) referencedNames(child, into);
  return into;
}

function add(into: Set<string>, name: string): void {
  if (!name.startsWith('AWS::')) into.add(name);
}

function addGetAtt(into: Set<string>, arg: unknown): void {
  if (typeof arg === 'string') add(into, arg.split('.')[0]!);
  else if (Array.isArray(arg) && typeof arg[0] === 'string') {
    add(into, arg[0]);
    referencedNames(arg.slice(1), into);
  }
}

function addSub(into: Set<string>, arg: unknown): void {
  const [template, variables] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? arg : [undefined, {}];
  const explicit = isPlainObject(variables) ? variables : {};
  if (typeof template === 'string') {
    for (const variable of subVariables(template)) {
      if (!Object.hasOwn(explicit, variable)) add(into, variable.split('.')[0]!);
    }
  }
  referencedNames(Object.values(explicit), into);
}
