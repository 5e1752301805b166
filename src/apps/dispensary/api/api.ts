import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readJsonBody } from '../../../platform/http.ts';
import { createLogger, type Logger } from '../../../platform/log.ts';
import { badRequest, errorResponse, json, type HttpResult } from './responses.ts';
import { routes, type ApiDeps, type ApiRequest, type Route } from './routes.ts';

/**
 * The dispensary's one API function (payload 2.0). It routes by method and path rather than by
 * `routeKey`, so the same handler answers through the HTTP API's routes and through a direct
 * Invoke with a hand-built event whose routeKey is `$default` (decision 8).
 *
 * @example
 * export const handler = dispensaryApi(deps);
 * const { statusCode, body } = await handler({ rawPath: '/dispenses', requestContext: { http: { method: 'POST' } }, body: '{}' } as APIGatewayProxyEventV2);
 */
export function dispensaryApi(deps: ApiDeps, logger: Logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } })) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const method = (event?.requestContext?.http?.method ?? '').toUpperCase();
    const path = stripTrailingSlash(event?.rawPath ?? event?.requestContext?.http?.path ?? '');
    const matches = routes.map((route) => ({ route, params: match(route, path) })).filter((m) => m.params !== undefined);
    const found = matches.find((m) => m.route.method === method);
    if (!found) {
      if (matches.length > 0) return { ...json(405, { message: `Method ${method} not allowed on ${path}` }), headers: { 'content-type': 'application/json', allow: matches.map((m) => m.route.method).join(', ') } };
      return json(404, { message: `No route for ${method} ${path}` });
    }
    const body = readJsonBody(event);
    if (!body.ok) return badRequest([{ path: '', message: body.message }]);
    const request: ApiRequest = { params: found.params!, query: event.queryStringParameters ?? {}, body: body.value };
    try {
      return await found.route.run(deps, request);
    } catch (error) {
      return errorResponse(error, logger, path);
    }
  };
}

function match(route: Route, path: string): Record<string, string> | undefined {
  const expected = route.path.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i]!;
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decode(value);
    else if (segment !== value) return undefined;
  }
  return params;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const stripTrailingSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

