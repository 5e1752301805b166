import type { CfnResource, SamContext } from './context.ts';
import { permission, ref } from './context.ts';
import type { SamEvent } from './event.ts';
import type { HttpApiState } from './http-api.ts';
import { addLambdaIntegration, ANY_METHOD, normalizeMethod } from './openapi-body.ts';
import { isPlainObject } from '../intrinsics.ts';

export const IMPLICIT_REST_API = 'ServerlessRestApi';
const REST_STAGE = 'Prod';
/** What a REST `Api` event may hold and still be served faithfully by the HTTP API emulation. */
const SIMPLE_PROPERTIES = new Set(['Path', 'Method', 'TimeoutInMillis']);

/**
 * A REST `Api` event the local cloud can serve: on SAM's implicit REST API (no `RestApiId`), with
 * only `Path`, `Method` and `TimeoutInMillis` (no authorizers, models, request validation).
 */
export function isSimpleRestEvent(properties: Record<string, unknown>): boolean {
  return typeof properties.Path === 'string' && typeof properties.Method === 'string' && Object.keys(properties).every((key) => SIMPLE_PROPERTIES.has(key));
}

/**
 * The implicit REST API as the local cloud serves it: an HTTP API (`AWS::ApiGatewayV2::Api`) under
 * SAM's id `ServerlessRestApi`, its stage `Prod` as `ServerlessRestApiProdStage`; `Globals.Api`
 * `Name` and `Cors` are kept.
 */
export function implicitRestApi(globalApi: Record<string, unknown> | undefined, ctx: SamContext): CfnResource {
  const properties: Record<string, unknown> = { StageName: REST_STAGE };
  for (const [key, value] of Object.entries(globalApi ?? {})) {
    if (key === 'Name') properties.Name = value;
    else if (key === 'Cors') properties.CorsConfiguration = restCors(value);
    else ctx.warn(IMPLICIT_REST_API, 'AWS::Serverless::Api', `Globals.Api.${key} is not emulated for the local REST API`, key);
  }
  ctx.warn(
    IMPLICIT_REST_API,
    'AWS::Serverless::Api',
    'REST API events are served by the HTTP API emulation with payload format 1.0 (the REST proxy event shape) under the stage path /Prod',
  );
  return { Type: 'AWS::Serverless::Api', Properties: properties };
}

/** `Api` events: a route with a payload-1.0 proxy integration and `<Function><Event>PermissionProd`. */
export function restApiEvent(event: SamEvent, ctx: SamContext, apis: ReadonlyMap<string, HttpApiState>): void {
  const api = apis.get(IMPLICIT_REST_API);
  if (api === undefined || !isSimpleRestEvent(event.properties)) {
    ctx.unsupported.push({ logicalId: event.logicalId, type: 'AWS::Serverless::Function Api event', reason: restReason(event.properties) });
    return;
  }
  const path = event.properties.Path as string;
  const method = normalizeMethod(event.properties.Method as string);
  const resource = `\${__ApiId__}/\${__Stage__}/${method === ANY_METHOD ? '*' : method.toUpperCase()}${path.replace(/^(.+)\/$/, '$1')}`;
  const sourceArn = { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${resource}`, { __ApiId__: ref(IMPLICIT_REST_API), __Stage__: '*' }] };
  ctx.add(`${event.logicalId}Permission${REST_STAGE}`, permission(event.functionId, 'apigateway.amazonaws.com', { SourceArn: sourceArn }, event.attributes), event.functionId);
  addLambdaIntegration(api.body, path, method, event.functionId, { payloadFormatVersion: '1.0', timeoutInMillis: event.properties.TimeoutInMillis, condition: event.attributes.Condition });
}

function restReason(properties: Record<string, unknown>): string {
  if (properties.RestApiId !== undefined) return 'an explicit AWS::Serverless::Api (RestApiId) is not emulated; only simple events on the implicit REST API are';
  const extra = Object.keys(properties).filter((key) => !SIMPLE_PROPERTIES.has(key));
  return `REST API ${extra.join(', ')} is not emulated; only Path, Method and TimeoutInMillis are`;
}

// REST CORS values are header literals in single quotes ("'*'", "'GET,POST'"); HTTP APIs take lists.
function restCors(value: unknown): unknown {
  const unquote = (text: unknown) => (typeof text === 'string' ? text.replace(/^'(.*)'$/, '$1') : text);
  const list = (text: unknown) => (typeof text === 'string' ? String(unquote(text)).split(',').map((item) => item.trim()) : text);
  if (typeof value === 'string') return { AllowOrigins: list(value) };
  if (!isPlainObject(value)) return undefined;
  const cors = {
    AllowOrigins: list(value.AllowOrigin),
    AllowMethods: list(value.AllowMethods),
    AllowHeaders: list(value.AllowHeaders),
    MaxAge: value.MaxAge === undefined ? undefined : Number(unquote(value.MaxAge)),
    AllowCredentials: value.AllowCredentials,
  };
  return Object.fromEntries(Object.entries(cors).filter(([, setting]) => setting !== undefined));
}
