import { MalformedResponseError } from './errors.ts';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Maps a function's result to the HTTP response, as payload format 2.0 does: an object with a
 * `statusCode` is a response (`headers`, `cookies` → `set-cookie`, `body`, `isBase64Encoded`);
 * anything else is the body of a 200 `application/json` response — a string as it is, other
 * values as JSON. Throws MalformedResponseError for a response object AWS would reject (500).
 */
export function toHttpResponse(payload: unknown): Response {
  if (isRecord(payload) && 'statusCode' in payload) return structuredResponse(payload);
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

function structuredResponse(result: Record<string, unknown>): Response {
  const status = statusCode(result.statusCode);
  const headers = new Headers();
  if (result.headers !== undefined && result.headers !== null) {
    if (!isRecord(result.headers)) throw new MalformedResponseError('headers must be an object');
    for (const [name, value] of Object.entries(result.headers)) headers.set(name, headerValue(name, value));
  }
  if (result.cookies !== undefined && result.cookies !== null) {
    if (!Array.isArray(result.cookies) || !result.cookies.every((cookie) => typeof cookie === 'string')) {
      throw new MalformedResponseError('cookies must be an array of strings');
    }
    for (const cookie of result.cookies) headers.append('set-cookie', cookie);
  }
  // API Gateway labels a body whose function set no content type as JSON.
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const { body } = result;
  if (body !== undefined && body !== null && typeof body !== 'string') throw new MalformedResponseError('body must be a string');
  if (NULL_BODY_STATUSES.has(status) || !body) return new Response(null, { status, headers });
  return new Response(result.isBase64Encoded === true ? Buffer.from(body, 'base64') : body, { status, headers });
}

function statusCode(value: unknown): number {
  const status = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new MalformedResponseError(`statusCode must be an HTTP status, got ${JSON.stringify(value)}`);
  }
  return status;
}

function headerValue(name: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new MalformedResponseError(`header ${name} must be a string, number or boolean`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON bodies API Gateway answers with itself, e.g. `{"message":"Not Found"}`. */
export function gatewayResponse(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json' } });
}
