import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Issue } from '../errors.ts';
import { zodIssues } from '../validation.ts';
import type { BodyProblem, ErrorFormat } from './error-format.ts';
import type { Route, RouteInput } from './route.ts';

export type BodyResult = { ok: true; value: unknown } | { ok: false; problem: BodyProblem };

/** The request's JSON body, decoded (base64 too) and parsed; an empty body is `undefined` unless `required`; `object` refuses anything but an object. */
export function readJsonBody(event: APIGatewayProxyEventV2, options: { required?: boolean; object?: boolean } = {}): BodyResult {
  if (event.body === undefined || event.body === null || event.body === '') return options.required ? { ok: false, problem: 'missing' } : { ok: true, value: undefined };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (options.object && (typeof value !== 'object' || value === null || Array.isArray(value))) return { ok: false, problem: 'not-object' };
  return { ok: true, value };
}

export interface InputOptions {
  /** The path parameters: the gateway's, or what the fallback match found. */
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly format: ErrorFormat;
  /** Whether a body a route does not read must still be JSON. */
  readonly rejectMalformedBody: boolean;
}

/** Validates path parameters, query and body against the route's schemas; the issues name every failing field, in that order. */
export function parseInput(route: Route<never>, event: APIGatewayProxyEventV2, options: InputOptions): { ok: true; input: RouteInput<unknown, unknown, unknown> } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    issues.push(...zodIssues(parsed.error));
    return undefined;
  };
  const params = parse(route.params, { ...options.pathParameters });
  const query = parse(route.query, event.queryStringParameters ?? {});
  let body: unknown;
  if (route.body) {
    const read = readJsonBody(event, { required: true, object: true });
    if (read.ok) body = parse(route.body, read.value);
    else issues.push(options.format.bodyIssue(read.problem));
  } else if (options.rejectMalformedBody) {
    const read = readJsonBody(event);
    if (!read.ok) issues.push(options.format.bodyIssue(read.problem));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, input: { params, query, body } as RouteInput<unknown, unknown, unknown> };
}
