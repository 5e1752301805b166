import type { CfnResource, SamContext } from './context.ts';
import { permission, ref } from './context.ts';
import type { SamEvent } from './event.ts';
import type { SamGlobals } from './globals.ts';
import { withGlobals } from './globals.ts';
import type { HttpApiState } from './http-api.ts';
import { prepareHttpApi, samHash } from './http-api.ts';
import { addLambdaIntegration, ANY_METHOD, normalizeMethod } from './openapi-body.ts';
import { isPlainObject } from '../intrinsics.ts';

export const IMPLICIT_REST_API = 'ServerlessRestApi';
const IMPLICIT_STAGE = 'Prod';
const TYPE = 'AWS::Serverless::Api';

/** What a REST `Api` event may hold and still be served faithfully by the HTTP API emulation. */
const SIMPLE_EVENT = new Set(['Path', 'Method', 'RestApiId', 'TimeoutInMillis']);
/** `AWS::Serverless::Api` properties that only matter on AWS. */
const QUIET = new Set(['Description', 'OpenApiVersion', 'EndpointConfiguration', 'TracingEnabled', 'MethodSettings', 'AccessLogSetting', 'CacheClusterEnabled', 'CacheClusterSize', 'PropagateTags', 'Tags']);

/** An `Api` event with only `Path`, `Method`, `RestApiId` and `TimeoutInMillis` (no authorizers, models, request validation). */
export function isSimpleRestEvent(properties: Record<string, unknown>): boolean {
  return typeof properties.Path === 'string' && typeof properties.Method === 'string' && Object.keys(properties).every((key) => SIMPLE_EVENT.has(key));
}

/** The REST API an `Api` event attaches to: its `RestApiId`, else SAM's implicit `ServerlessRestApi`. */
export function restApiId(properties: Record<string, unknown>): string | undefined {
  const id = properties.RestApiId;
  if (id === undefined) return IMPLICIT_REST_API;
  if (typeof id === 'string') return id;
  return isPlainObject(id) && typeof id.Ref === 'string' ? id.Ref : undefined;
}

/**
 * The REST APIs the local cloud can serve, as HTTP APIs whose integrations use payload format 1.0
 * (the REST proxy event shape) and whose stage stays in the URL path: SAM's implicit
 * `ServerlessRestApi` (stage `Prod`) and explicit `AWS::Serverless::Api` resources whose routes SAM
 * manages (no `DefinitionBody`/`DefinitionUri`, no authorizers but IAM, which is not evaluated
 * locally). Anything else stays as it is and is reported unsupported.
 */
export function prepareRestApis(input: Map<string, CfnResource>, needsImplicit: boolean, globals: SamGlobals, ctx: SamContext): HttpApiState[] {
  if (needsImplicit && !input.has(IMPLICIT_REST_API)) input.set(IMPLICIT_REST_API, { Type: TYPE, Properties: { StageName: IMPLICIT_STAGE } });
  const states: HttpApiState[] = [];
  for (const [id, resource] of input) {
    if (resource.Type !== TYPE) continue;
    const p = withGlobals(globals, TYPE, resource.Properties ?? {}, resource.IgnoreGlobals);
    const blocking = Object.keys(p).filter((key) => !QUIET.has(key) && !['StageName', 'Name', 'Cors', 'Auth', 'Variables'].includes(key));
    const auth = p.Auth === undefined || (isPlainObject(p.Auth) && Object.keys(p.Auth).length === 1 && p.Auth.DefaultAuthorizer === 'AWS_IAM');
    if (blocking.length > 0 || !auth) continue;
    if (p.Auth !== undefined) ctx.warn(id, TYPE, 'AWS_IAM authorization is not evaluated locally: signed and unsigned requests are served', 'Auth');
    if (p.Variables !== undefined) ctx.warn(id, TYPE, 'stage Variables are not passed to functions locally', 'Variables');
    ctx.warn(id, TYPE, `REST API served by the HTTP API emulation with payload format 1.0 (the REST proxy event shape) under the stage path /${String(p.StageName)}`);
    const translated: CfnResource = { ...resource, Properties: { StageName: p.StageName, Name: p.Name, CorsConfiguration: p.Cors === undefined ? undefined : restCors(p.Cors) } };
    states.push({ ...prepareHttpApi(id, translated, new Map(), ctx), rest: true });
  }
  return states;
}

/** `Api` events: a payload-1.0 route and `<Function><Event>Permission<Stage>`, as SAM names it. */
export function restApiEvent(event: SamEvent, ctx: SamContext, apis: ReadonlyMap<string, HttpApiState>): void {
  const apiId = restApiId(event.properties);
  const api = apiId === undefined ? undefined : apis.get(apiId);
  if (api?.rest !== true || !isSimpleRestEvent(event.properties)) {
    const declared = apiId !== undefined && ctx.input.get(apiId)?.Type === TYPE;
    ctx.unsupported.push({ logicalId: event.logicalId, type: 'AWS::Serverless::Function Api event', reason: restReason(event.properties, declared) });
    return;
  }
  const path = event.properties.Path as string;
  const method = normalizeMethod(event.properties.Method as string);
  const resource = `\${__ApiId__}/\${__Stage__}/${method === ANY_METHOD ? '*' : method.toUpperCase()}${path.replace(/^(.+)\/$/, '$1')}`;
  const sourceArn = { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${resource}`, { __ApiId__: ref(apiId!), __Stage__: '*' }] };
  ctx.add(permissionId(event.logicalId, api.properties.StageName), permission(event.functionId, 'apigateway.amazonaws.com', { SourceArn: sourceArn }, event.attributes), event.functionId);
  addLambdaIntegration(api.body, path, method, event.functionId, { payloadFormatVersion: '1.0', timeoutInMillis: event.properties.TimeoutInMillis, condition: event.attributes.Condition });
}

// SAM suffixes the permission with the stage name ("Stage" when it is an intrinsic), hashed if not alphanumeric.
function permissionId(logicalId: string, stageName: unknown): string {
  const suffix = typeof stageName === 'string' ? stageName : 'Stage';
  return /^[A-Za-z0-9]+$/.test(suffix) ? `${logicalId}Permission${suffix}` : `${logicalId}Permission${samHash(suffix)}`;
}

function restReason(properties: Record<string, unknown>, apiDeclared: boolean): string {
  const extra = Object.keys(properties).filter((key) => !SIMPLE_EVENT.has(key));
  if (extra.length > 0) return `REST API event ${extra.join(', ')} is not emulated; only Path, Method and TimeoutInMillis are`;
  if (typeof properties.Path !== 'string' || typeof properties.Method !== 'string') return 'a REST API event needs Path and Method';
  if (!apiDeclared) return 'RestApiId does not name an AWS::Serverless::Api of this template';
  return 'its AWS::Serverless::Api is not emulated (only APIs whose routes SAM manages, without authorizers other than IAM, are)';
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
