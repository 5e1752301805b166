import { httpApi } from '../../../platform/http.ts';
import type { Logger } from '../../../platform/log.ts';
import { dispensaryErrors } from './error-format.ts';
import { routes, type ApiDeps } from './routes.ts';

/**
 * The dispensary's one API function (payload 2.0) on the platform's HTTP edge. Through the HTTP
 * API the gateway names the route (`routeKey`); a direct Invoke with a hand-built event whose
 * routeKey is `$default` (decision 8) is routed by method and `rawPath`. Every body is JSON: a
 * malformed one is a 400 even where the route reads none.
 *
 * @example
 * export const handler = dispensaryApi(deps);
 * const { statusCode, body } = await handler({ routeKey: '$default', rawPath: '/dispenses', requestContext: { http: { method: 'POST' } }, body: '{}' } as APIGatewayProxyEventV2);
 */
export function dispensaryApi(deps: ApiDeps, logger?: Logger) {
  return httpApi({ routes, deps: () => deps, errors: dispensaryErrors, rejectMalformedBody: true, ...(logger && { logger }) });
}
