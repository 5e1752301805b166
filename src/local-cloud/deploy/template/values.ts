import { TemplateError } from '../../templates/errors.ts';

/** Readers of resolved template properties that name what is wrong when a value has the wrong type. */
export interface PropertyReader {
  string(name: string): string | undefined;
  number(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
  object(name: string): Record<string, unknown> | undefined;
  array(name: string): unknown[] | undefined;
  raw(name: string): unknown;
}

export function readProperties(properties: Record<string, unknown>, where: { file: string; logicalId: string; prefix?: string }): PropertyReader {
  const fail = (name: string, expected: string) =>
    new TemplateError(`must be ${expected}`, { file: where.file, logicalId: where.logicalId, property: `${where.prefix ?? 'Properties'}.${name}` });
  return {
    raw: (name) => properties[name],
    string: (name) => {
      const value = properties[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw fail(name, 'a string');
    },
    number: (name) => {
      const value = properties[name];
      if (value === undefined || value === null) return undefined;
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (Number.isNaN(number)) throw fail(name, 'a number');
      return number;
    },
    boolean: (name) => {
      const value = properties[name];
      if (value === undefined || value === null) return undefined;
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw fail(name, 'true or false');
    },
    object: (name) => {
      const value = properties[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      throw fail(name, 'an object');
    },
    array: (name) => {
      const value = properties[name];
      if (value === undefined || value === null) return undefined;
      if (Array.isArray(value)) return value;
      throw fail(name, 'a list');
    },
  };
}

/** The resource name at the end of an ARN (`…:queue-name`, `…:function:name[:qualifier]`, `…/stream/name`), or the value itself. */
export function nameFromArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const parts = value.split(':');
  if (parts[2] === 'lambda') return parts[6] ?? value;
  const resource = parts.slice(5).join(':');
  if (parts[2] === 's3') return resource;
  if (parts[2] === 'events' && resource.startsWith('event-bus/')) return resource.slice('event-bus/'.length);
  if (parts[2] === 'kinesis' && resource.startsWith('stream/')) return resource.slice('stream/'.length);
  if (parts[2] === 'dynamodb' && resource.startsWith('table/')) return resource.slice('table/'.length).split('/')[0]!;
  return resource;
}

/** An EventBridge pattern or filter given as an object or as JSON text. */
export function patternObject(value: unknown, where: { file: string; logicalId: string; property: string }): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      throw new TemplateError('is not valid JSON', where);
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new TemplateError('must be an event pattern (an object or JSON text)', where);
}
