import type { SamContext } from './context.ts';
import { permission, ref } from './context.ts';
import type { SamEvent } from './event.ts';
import type { HttpApiState } from './http-api.ts';
import { IMPLICIT_HTTP_API } from './http-api.ts';
import { addLambdaIntegration, ANY_METHOD, DEFAULT_PATH, integratesFunction, normalizeMethod } from './openapi-body.ts';
import { isPlainObject } from '../intrinsics.ts';

/** The API an `HttpApi` event attaches to: its `ApiId` (`!Ref` or a plain id), else the implicit API. */
export function httpApiEventApiId(properties: Record<string, unknown>): string | undefined {
  const apiId = properties.ApiId;
  if (apiId === undefined) return IMPLICIT_HTTP_API;
  if (typeof apiId === 'string') return apiId;
  return isPlainObject(apiId) && typeof apiId.Ref === 'string' ? apiId.Ref : undefined;
}

/**
 * `HttpApi` events: a route with a Lambda proxy integration (payload 2.0 unless
 * `PayloadFormatVersion`) in the API's OpenAPI body, and `<Function><Event>Permission`. No `Path`
 * and `Method` means the `$default` route.
 */
export function httpApiEvent(event: SamEvent, ctx: SamContext, apis: ReadonlyMap<string, HttpApiState>): void {
  const p = event.properties;
  const apiId = httpApiEventApiId(p);
  const api = apiId === undefined ? undefined : apis.get(apiId);
  if (api === undefined) throw ctx.fail(event.functionId, 'ApiId must refer to an AWS::Serverless::HttpApi of this template', `Events.${event.name}.Properties.ApiId`);
  const path = typeof p.Path === 'string' ? p.Path : DEFAULT_PATH;
  const method = typeof p.Method === 'string' ? normalizeMethod(p.Method) : ANY_METHOD;
  if (p.Auth !== undefined) ctx.warn(event.functionId, 'AWS::Serverless::Function', 'HttpApi event Auth is not evaluated locally: the route is open', `Events.${event.name}.Properties.Auth`);
  // A function that already answers the API's $default route holds a permission for every path.
  const coveredByDefault = path !== DEFAULT_PATH && integratesFunction(api.body, DEFAULT_PATH, ANY_METHOD, event.functionId);
  if (!coveredByDefault) {
    ctx.add(`${event.logicalId}Permission`, permission(event.functionId, 'apigateway.amazonaws.com', { SourceArn: sourceArn(path, method, apiId!) }, event.attributes), event.functionId);
  }
  addLambdaIntegration(api.body, path, method, event.functionId, {
    payloadFormatVersion: p.PayloadFormatVersion,
    timeoutInMillis: p.TimeoutInMillis,
    condition: event.attributes.Condition,
  });
}

function sourceArn(path: string, method: string, apiId: string): unknown {
  const trimmed = path === DEFAULT_PATH ? '' : path.replace(/^(.+)\/$/, '$1');
  const verb = method === ANY_METHOD ? '*' : method.toUpperCase();
  const resource = method === ANY_METHOD && trimmed === `/${DEFAULT_PATH}` ? `\${__ApiId__}/\${__Stage__}${trimmed}` : `\${__ApiId__}/\${__Stage__}/${verb}${trimmed}`;
  return { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${resource}`, { __ApiId__: ref(apiId), __Stage__: '*' }] };
}
