import { TemplateError } from './errors.ts';
import type { ParameterValue, TemplateWarning } from './types.ts';

/** A parameter's value while resolving: a string, or a list for the list types. */
export type ParameterValueInput = string | string[];

export interface ResolvedParameters {
  readonly values: ReadonlyMap<string, ParameterValueInput>;
  readonly reported: readonly ParameterValue[];
  readonly warnings: readonly TemplateWarning[];
}

/** CDK adds it to every stack; its value only matters to CDK's bootstrap check, which is not run. */
const CDK_BOOTSTRAP_PARAMETER = 'BootstrapVersion';

/**
 * Gives every declared parameter its value: an override (`--parameter Key=Value`) or its `Default`,
 * checked against its type and constraints. `AWS::SSM::Parameter::Value<…>` parameters take their
 * `Default` as is (there is no Parameter Store locally), with a warning.
 *
 * @throws TemplateError for an override the template does not declare, a parameter without a value,
 *   or a value its type or constraints reject.
 */
export function resolveParameters(declared: unknown, overrides: Readonly<Record<string, string>>, file: string): ResolvedParameters {
  const section = asRecord(declared ?? {}, file, 'Parameters');
  const unknown = Object.keys(overrides).filter((key) => !(key in section));
  if (unknown.length > 0) {
    const known = Object.keys(section).join(', ') || 'none';
    throw new TemplateError(`parameter ${unknown.join(', ')} is not declared by the template (it declares: ${known})`, { file });
  }
  const values = new Map<string, ParameterValueInput>();
  const reported: ParameterValue[] = [];
  const warnings: TemplateWarning[] = [];
  for (const [key, raw] of Object.entries(section)) {
    const declaration = asRecord(raw, file, key);
    const type = declaration.Type;
    if (typeof type !== 'string') throw new TemplateError('a parameter needs a Type', { file, logicalId: key, property: 'Type' });
    const given = overrides[key];
    const text = given ?? scalarDefault(declaration.Default, file, key);
    if (text === undefined) {
      throw new TemplateError(`no Default and no value given; pass --parameter ${key}=<value>`, { file, logicalId: key });
    }
    const value = typed(type, text, file, key);
    check(declaration, value, file, key);
    values.set(key, value);
    reported.push({ key, type, value: text, fromDefault: given === undefined });
    if (type.startsWith('AWS::SSM::Parameter::Value<') && key !== CDK_BOOTSTRAP_PARAMETER) {
      warnings.push({ file, logicalId: key, type, message: `SSM parameter types are not read from a Parameter Store locally: ${key} is its Default "${text}"` });
    }
  }
  return { values, reported, warnings };
}

/** Parses `Key=Value` pairs (the CLI's `--parameter`); a value may itself hold `=`. */
export function parseParameterOverrides(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new TemplateError(`a parameter override reads Key=Value, got "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function asRecord(value: unknown, file: string, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateError('must be a mapping', { file, logicalId: where });
  }
  return value as Record<string, unknown>;
}

function scalarDefault(value: unknown, file: string, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'object') throw new TemplateError('Default must be a plain value', { file, logicalId: key, property: 'Default' });
  return String(value);
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>$/.test(type);
}

function typed(type: string, text: string, file: string, key: string): ParameterValueInput {
  if (isListType(type)) {
    const items = text === '' ? [] : text.split(',');
    if (type === 'List<Number>') items.forEach((item) => requireNumber(item, file, key));
    return items;
  }
  if (type === 'Number') requireNumber(text, file, key);
  return text;
}

function requireNumber(text: string, file: string, key: string): void {
  if (text.trim() === '' || Number.isNaN(Number(text))) throw new TemplateError(`"${text}" is not a number`, { file, logicalId: key });
}

function check(declaration: Record<string, unknown>, value: ParameterValueInput, file: string, key: string): void {
  const items = Array.isArray(value) ? value : [value];
  const fail = (why: string) => new TemplateError(why, { file, logicalId: key });
  const allowed = declaration.AllowedValues;
  if (Array.isArray(allowed)) {
    const permitted = allowed.map(String);
    const bad = items.find((item) => !permitted.includes(item));
    if (bad !== undefined) throw fail(`"${bad}" is not one of the AllowedValues (${permitted.join(', ')})`);
  }
  if (typeof declaration.AllowedPattern === 'string') {
    const pattern = new RegExp(`^(?:${declaration.AllowedPattern})$`);
    const bad = items.find((item) => !pattern.test(item));
    if (bad !== undefined) throw fail(`"${bad}" does not match the AllowedPattern ${declaration.AllowedPattern}`);
  }
  for (const item of items) {
    if (declaration.MinLength !== undefined && item.length < Number(declaration.MinLength)) throw fail(`"${item}" is shorter than MinLength ${String(declaration.MinLength)}`);
    if (declaration.MaxLength !== undefined && item.length > Number(declaration.MaxLength)) throw fail(`"${item}" is longer than MaxLength ${String(declaration.MaxLength)}`);
    if (declaration.MinValue !== undefined && Number(item) < Number(declaration.MinValue)) throw fail(`${item} is below MinValue ${String(declaration.MinValue)}`);
    if (declaration.MaxValue !== undefined && Number(item) > Number(declaration.MaxValue)) throw fail(`${item} is above MaxValue ${String(declaration.MaxValue)}`);
  }
}
