import { cidrSubnets } from './cidr.ts';
import { TemplateError } from './errors.ts';
import { availabilityZones } from './pseudo.ts';
import { parseSub } from './sub.ts';
import type { ResourceLookup, ValueLocation } from './types.ts';

/** What `{ "Ref": "AWS::NoValue" }` resolves to before its key or element is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

type Scalar = string | readonly string[];

/** Everything a value may refer to besides deployed resources; fixed once a stack is loaded. */
export interface ResolveScope {
  readonly file: string;
  readonly region: string;
  readonly pseudo: ReadonlyMap<string, Scalar>;
  readonly parameters: ReadonlyMap<string, Scalar>;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** Logical ids of the resources that exist (their condition holds). */
  readonly resources: ReadonlySet<string>;
  /** Logical ids a false condition dropped: referring to one is an error, as on AWS. */
  readonly dropped: ReadonlySet<string>;
  /** A named condition's value; throws a TemplateError for an unknown name. */
  condition(name: string): boolean;
}

/**
 * Resolves a template value: every intrinsic inside it is evaluated, `AWS::NoValue` removes its key
 * or array element (a value that is NoValue as a whole comes back `undefined`), `Fn::If` evaluates
 * only the branch its condition picks.
 *
 * @throws TemplateError naming the file, `at.logicalId` and the property path.
 */
export function resolveTemplateValue(value: unknown, scope: ResolveScope, lookup: ResourceLookup, at: ValueLocation = {}): unknown {
  const out = new Resolution(scope, lookup, at.logicalId).value(value, at.property ?? '');
  return out === NO_VALUE ? undefined : out;
}

/** Evaluates a condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). */
export function evaluateCondition(value: unknown, scope: ResolveScope, lookup: ResourceLookup, at: ValueLocation = {}): boolean {
  return new Resolution(scope, lookup, at.logicalId).bool(value, at.property ?? '');
}

/** The intrinsic function name of a one-key `{ Ref | Fn::* }` object, else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Resolution {
  constructor(
    private readonly scope: ResolveScope,
    private readonly lookup: ResourceLookup,
    private readonly logicalId: string | undefined,
  ) {}

  value(node: unknown, path: string): unknown {
    if (Array.isArray(node)) {
      return node.map((item, i) => this.value(item, `${path}[${i}]`)).filter((item) => item !== NO_VALUE);
    }
    if (!isPlainObject(node)) return node;
    const name = intrinsicName(node);
    if (name !== undefined) return this.guard(path, () => this.intrinsic(name, node[name], path));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const resolved = this.value(child, path === '' ? key : `${path}.${key}`);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  bool(node: unknown, path: string): boolean {
    if (isPlainObject(node) && Object.keys(node).length === 1 && typeof node.Condition === 'string') {
      const name = node.Condition;
      return this.guard(path, () => this.scope.condition(name));
    }
    const value = this.value(node, path);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw this.fail(path, `expected a condition (true or false), got ${describe(value)}`);
  }

  private intrinsic(name: string, arg: unknown, path: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(this.literal(arg, 'Ref', path), path);
      case 'Fn::GetAtt':
        return this.getAtt(arg, path);
      case 'Fn::Sub':
        return this.sub(arg, path);
      case 'Fn::Join': {
        const [delimiter, list] = this.args(arg, 2, name, path);
        return this.list(list, name, path).map((item) => this.text(item, `${name} element`, path)).join(this.literal(delimiter, `${name} delimiter`, path));
      }
      case 'Fn::Select': {
        const [index, list] = this.args(arg, 2, name, path);
        const items = this.list(list, name, path);
        const at = Number(this.text(this.value(index, path), `${name} index`, path));
        if (!Number.isInteger(at) || at < 0 || at >= items.length) throw this.fail(path, `Fn::Select index ${at} is out of range (the list has ${items.length} elements)`);
        return items[at];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.args(arg, 2, name, path);
        return this.text(this.value(source, path), `${name} source`, path).split(this.literal(delimiter, `${name} delimiter`, path));
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, path);
      case 'Fn::GetAZs': {
        const region = this.text(this.value(arg, path) ?? '', name, path);
        return availabilityZones(region === '' ? this.scope.region : region);
      }
      case 'Fn::Base64':
        return Buffer.from(this.text(this.value(arg, path), name, path)).toString('base64');
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.args(arg, 3, name, path);
        const chosen = this.scope.condition(this.literal(condition, 'Fn::If condition', path)) ? whenTrue : whenFalse;
        return this.value(chosen, path);
      }
      case 'Fn::Equals': {
        const [left, right] = this.args(arg, 2, name, path);
        return comparable(this.value(left, path)) === comparable(this.value(right, path));
      }
      case 'Fn::Not':
        return !this.bool(this.args(arg, 1, name, path)[0], path);
      case 'Fn::And':
        return this.conditionList(arg, name, path).every((item) => this.bool(item, path));
      case 'Fn::Or':
        return this.conditionList(arg, name, path).some((item) => this.bool(item, path));
      case 'Fn::ImportValue':
        return this.importValue(this.text(this.value(arg, path), name, path), path);
      case 'Fn::Cidr': {
        const [block, count, bits] = this.args(arg, 3, name, path).map((item) => this.text(this.value(item, path), name, path));
        return cidrSubnets(block!, Number(count), Number(bits));
      }
      case 'Fn::Length':
        return this.list(arg, name, path).length;
      case 'Fn::ToJsonString':
        return JSON.stringify(this.value(arg, path));
      case 'Fn::Transform':
        throw this.fail(path, 'Fn::Transform (template macros such as AWS::Include) is not supported locally');
      default:
        throw this.fail(path, `${name} is not an intrinsic function the local cloud knows`);
    }
  }

  private ref(target: string, path: string): unknown {
    if (target === 'AWS::NoValue') return NO_VALUE;
    const pseudo = this.scope.pseudo.get(target);
    if (pseudo !== undefined) return copy(pseudo);
    const parameter = this.scope.parameters.get(target);
    if (parameter !== undefined) return copy(parameter);
    this.requireResource(target, path);
    return this.lookup.ref(target);
  }

  private getAtt(arg: unknown, path: string): string {
    let parts: unknown[];
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      parts = dot === -1 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
    } else {
      parts = Array.isArray(arg) ? arg : [];
    }
    if (parts.length !== 2) throw this.fail(path, `Fn::GetAtt takes [logicalId, attribute], got ${describe(arg)}`);
    const target = this.literal(parts[0], 'Fn::GetAtt logical id', path);
    const attribute = this.text(this.value(parts[1], path), 'Fn::GetAtt attribute', path);
    this.requireResource(target, path);
    return this.lookup.getAtt(target, attribute);
  }

  private sub(arg: unknown, path: string): string {
    const [template, variables] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && arg.length === 2 ? arg : [undefined, undefined];
    if (typeof template !== 'string' || !isPlainObject(variables)) throw this.fail(path, 'Fn::Sub takes a string or [string, { variables }]');
    return parseSub(template)
      .map((part) => ('literal' in part ? part.literal : this.subVariable(part.variable, variables, path)))
      .join('');
  }

  private subVariable(name: string, variables: Record<string, unknown>, path: string): string {
    if (Object.hasOwn(variables, name)) return this.text(this.value(variables[name], path), `Fn::Sub variable \${${name}}`, path);
    const dot = name.indexOf('.');
    const isName = this.scope.pseudo.has(name) || this.scope.parameters.has(name) || dot === -1;
    const value = isName ? this.ref(name, path) : this.getAtt([name.slice(0, dot), name.slice(dot + 1)], path);
    return this.text(value, `Fn::Sub variable \${${name}}`, path);
  }

  private findInMap(arg: unknown, path: string): unknown {
    const parts = Array.isArray(arg) ? arg : [];
    if (parts.length !== 3 && parts.length !== 4) throw this.fail(path, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
    const [mapName, top, second] = parts.slice(0, 3).map((part) => this.text(this.value(part, path), 'Fn::FindInMap key', path));
    const found = asRecord(asRecord(this.scope.mappings[mapName!])?.[top!])?.[second!];
    if (found !== undefined) return found;
    const fallback = parts[3];
    if (isPlainObject(fallback) && 'DefaultValue' in fallback) return this.value(fallback.DefaultValue, path);
    throw this.fail(path, `Fn::FindInMap: Mappings has no ${mapName}.${top}.${second}`);
  }

  private importValue(exportName: string, path: string): string {
    if (!this.lookup.importValue) throw this.fail(path, `Fn::ImportValue ${exportName}: no other stack is loaded to export it`);
    return this.lookup.importValue(exportName);
  }

  private requireResource(target: string, path: string): void {
    if (this.scope.resources.has(target)) return;
    if (this.scope.dropped.has(target)) throw this.fail(path, `refers to ${target}, which its Condition removed from the stack`);
    throw this.fail(path, `unresolved reference ${target}: not a parameter, pseudo parameter or resource of this template`);
  }

  private conditionList(arg: unknown, name: string, path: string): unknown[] {
    if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) throw this.fail(path, `${name} takes 2 to 10 conditions`);
    return arg;
  }

  private args(arg: unknown, count: number, name: string, path: string): unknown[] {
    if (!Array.isArray(arg) || arg.length !== count) throw this.fail(path, `${name} takes a list of ${count}, got ${describe(arg)}`);
    return arg;
  }

  private list(node: unknown, name: string, path: string): unknown[] {
    const value = this.value(node, path);
    if (!Array.isArray(value)) throw this.fail(path, `${name} needs a list, got ${describe(value)}`);
    return value;
  }

  /** A value that must be written literally (a logical id, a condition name, a delimiter). */
  private literal(value: unknown, what: string, path: string): string {
    if (typeof value !== 'string') throw this.fail(path, `${what} must be a literal string, got ${describe(value)}`);
    return value;
  }

  private text(value: unknown, what: string, path: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.fail(path, `${what} must resolve to a string, got ${describe(value)}`);
  }

  private guard<T>(path: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      const context = { file: this.scope.file, logicalId: this.logicalId, property: path === '' ? undefined : path };
      if (error instanceof TemplateError) throw error.withContext(context);
      throw new TemplateError(error instanceof Error ? error.message : String(error), { ...context, cause: error });
    }
  }

  private fail(path: string, detail: string): TemplateError {
    return new TemplateError(detail, { file: this.scope.file, logicalId: this.logicalId, property: path === '' ? undefined : path });
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

function copy(value: Scalar): string | string[] {
  return typeof value === 'string' ? value : [...value];
}

// Fn::Equals compares what CloudFormation would: "3" (a Number parameter) equals 3.
function comparable(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
