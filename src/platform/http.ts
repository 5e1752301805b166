import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { createLogger, type Logger } from './log.ts';
import { defaultErrorFormat, errorResult, type ErrorFormat } from './http/error-format.ts';
import { parseInput } from './http/request.ts';
import { html, json, type HttpResult } from './http/result.ts';
import type { Route, Routes } from './http/route.ts';
import { requestMethod, requestPath, routeTable } from './http/route-table.ts';

export { defaultErrorFormat, errorResult, type BodyProblem, type ErrorFormat } from './http/error-format.ts';
export type { HttpResult } from './http/result.ts';
export { routeFor, type Route, type RouteInput, type Routes } from './http/route.ts';

export interface HttpOptions {
  /** How the API spells its error bodies. Default `defaultErrorFormat` (`{message, errors?}`); unset fields keep the default. */
  errors?: Partial<ErrorFormat>;
  /** Headers on every answer, errors included (e.g. CORS for callers outside the gateway). Default none. */
  headers?: Record<string, string>;
  /** A body that is not JSON is a 400 even on a route that reads none. Default false: such a body is ignored. */
  rejectMalformedBody?: boolean;
  /** Default: a JSON logger tagged with the function name. */
  logger?: Logger;
}

export interface HttpApiOptions<Deps> extends HttpOptions {
  /** Every route the function serves, by route key. */
  routes: Routes<Deps>;
  /** What the routes call; built on the first request, so a cold start that only answers 404 builds nothing. */
  deps: () => Deps;
}

/**
 * The HTTP edge of an API function serving several routes (API Gateway v2, payload 2.0): route
 * (by `routeKey`; see `routeTable` for `$default`) → validate path, query and body with the
 * route's zod schemas (one 400 naming every failing field) → call → answer JSON with the route's
 * status; errors become statuses in `errorResult`.
 *
 * @example
 * export const handler = httpApi({ routes, deps: () => createDeps(tableFromEnv()) });
 */
export function httpApi<Deps>(options: HttpApiOptions<Deps>) {
  const edge = requestChain(options);
  const find = routeTable(options.routes);
  let deps: Deps | undefined;
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const found = find(event);
    if (found.kind === 'found') return edge.run(found.route, event, found.pathParameters, () => (deps ??= options.deps()));
    const method = requestMethod(event);
    const path = requestPath(event);
    if (found.kind === 'not-found') return json(404, edge.format.noRoute(method, path), edge.headers);
    return json(405, edge.format.methodNotAllowed(method, path), { ...edge.headers, allow: found.allowed.join(', ') });
  };
}

/**
 * The HTTP edge of a function serving one route: the same chain as `httpApi` without routing (the
 * gateway routed already).
 *
 * @example
 * export const handler = httpHandler({ body: placeOrderSchema, status: 202, handle: ({ body }) => placeOrder(deps, body) });
 * export const handler = httpHandler({ params, handle: ({ params }) => find(params.id) }, { errors: appErrors });
 */
export function httpHandler<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R = unknown>(
  route: Route<void, P, Q, B, R>,
  options: HttpOptions = {},
) {
  const edge = requestChain(options);
  return (event: APIGatewayProxyEventV2): Promise<HttpResult> => edge.run(route as unknown as Route<void>, event, event.pathParameters ?? {}, () => undefined);
}

type PathParameters = Readonly<Record<string, string | undefined>>;

/** validate → call → serialize, plus the error step; the options resolved once. */
function requestChain(options: HttpOptions) {
  const format: ErrorFormat = { ...defaultErrorFormat, ...options.errors };
  const headers = options.headers ?? {};
  const rejectMalformedBody = options.rejectMalformedBody ?? false;
  const logger = options.logger ?? createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  const run = async <Deps>(route: Route<Deps>, event: APIGatewayProxyEventV2, pathParameters: PathParameters, deps: () => Deps): Promise<HttpResult> => {
    const parsed = parseInput(route as Route<never>, event, { pathParameters, format, rejectMalformedBody });
    if (!parsed.ok) return json(400, format.invalid(parsed.issues), headers);
    try {
      const result = await route.handle(parsed.input as never, deps());
      const status = route.status ?? 200;
      const resultHeaders = { ...headers, ...route.headers?.(result) };
      return route.contentType === 'text/html' ? html(status, String(result), resultHeaders) : json(status, result, resultHeaders);
    } catch (error) {
      return errorResult(error, format, (unexpected) => logger.error('request failed', { method: requestMethod(event), path: event.rawPath, error: unexpected }), headers);
    }
  };
  return { run, format, headers };
}
