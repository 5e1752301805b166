import { badField } from './errors.ts';

export type Body = Record<string, unknown>;

/** A request's JSON object body; an empty body is `{}`. Anything else is a 400 naming `body`. */
export async function readBody(request: Request): Promise<Body> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw badField('body', 'send JSON with Content-Type: application/json.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badField('body', `is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badField('body', 'must be a JSON object.');
  return parsed as Body;
}

export function requiredString(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw badField(field, 'is required (a non-empty string).');
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badField(field, `must be a string, got ${JSON.stringify(value)}.`);
  return value;
}

export function optionalNumber(body: Body, field: string, min: number, max: number, options: { integer?: boolean } = {}): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (options.integer && !Number.isInteger(value))) {
    throw badField(field, `must be ${options.integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badField(field, `must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}

/** A field that is sent as JSON text: a string is taken as is, an object or array is serialized. */
export function jsonText(body: Body, field: string, options: { required: boolean; object?: boolean }): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (options.required) throw badField(field, 'is required.');
    return undefined;
  }
  if (typeof value === 'string') {
    if (options.object) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw badField(field, 'must be a JSON object (or its text).');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badField(field, 'must be a JSON object (or its text).');
    }
    return value;
  }
  if (options.object && (typeof value !== 'object' || Array.isArray(value))) throw badField(field, 'must be a JSON object (or its text).');
  return JSON.stringify(value);
}

/** A query parameter as a non-negative integer. */
export function queryInteger(value: string | undefined, field: string, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw badField(field, `must be a whole number from 0 to ${max}, got "${value}".`);
  return Number(value);
}
