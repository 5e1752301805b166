import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { json, readJsonBody, type HttpResult } from '../../../platform/http.ts';
import type { Logger } from '../../../platform/log.ts';
import { zodIssues } from '../../../platform/validation.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Route } from './route.ts';
import { createRouter } from './router.ts';

type Issue = { path: string; message: string };

/**
 * The API's request chain: route → validate path, query and body (400 naming each field) → call
 * the service → answer JSON with the route's status; NotFoundError → 404, ConflictError → 409,
 * anything else is logged and answers 500.
 */
export function apiHandler(routes: readonly Route[], deps: () => Deps, logger: Logger) {
  const route = createRouter(routes);
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const method = event.requestContext.http.method;
    const result = route(method, pathBelowStage(event));
    if (result.kind === 'not-found') return json(404, { message: 'Not Found' });
    if (result.kind === 'method-not-allowed') return { ...json(405, { message: 'Method Not Allowed' }), headers: { 'content-type': 'application/json', allow: result.allowed.join(', ') } };
    const { route: matched, params } = result.match;
    const input = validate(matched, params, event);
    if (!input.ok) return json(400, { message: 'Bad Request', errors: input.issues });
    try {
      const value = await matched.handle(input.value, deps());
      if (matched.contentType === 'text/html') return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: String(value) };
      return json(matched.success.status, value);
    } catch (error) {
      if (error instanceof NotFoundError) return json(404, { message: error.message });
      if (error instanceof ConflictError) return json(409, { message: error.message });
      if (error instanceof InvalidArgumentsError) return json(400, { message: 'Bad Request', errors: error.issues });
      logger.error('request failed', { method, path: event.rawPath, error });
      return json(500, { message: 'Internal Server Error' });
    }
  };
}

function pathBelowStage(event: APIGatewayProxyEventV2): string {
  const stage = event.requestContext.stage;
  const prefix = `/${stage}`;
  if (stage && stage !== '$default' && (event.rawPath === prefix || event.rawPath.startsWith(`${prefix}/`))) return event.rawPath.slice(prefix.length) || '/';
  return event.rawPath;
}

function validate(route: Route, params: Record<string, string>, event: APIGatewayProxyEventV2): { ok: true; value: { params: never; query: never; body: never } } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    issues.push(...zodIssues(parsed.error));
    return undefined;
  };
  const parsedParams = parse(route.params, params);
  const parsedQuery = parse(route.query, event.queryStringParameters ?? {});
  let parsedBody: unknown;
  if (route.body) {
    const body = readJsonBody(event, { required: true, object: true });
    if (body.ok) parsedBody = parse(route.body, body.value);
    else issues.push({ path: '', message: body.message });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { params: parsedParams as never, query: parsedQuery as never, body: parsedBody as never } };
}

