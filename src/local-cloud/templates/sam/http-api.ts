import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CfnResource, SamContext } from './context.ts';
import { ref } from './context.ts';
import type { SamGlobals } from './globals.ts';
import { withGlobals } from './globals.ts';
import { addCors, openApiSkeleton } from './openapi-body.ts';
import { isPlainObject } from '../intrinsics.ts';
import { parseTemplate } from '../yaml.ts';

export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
const DEFAULT_STAGE = '$default';

/** An `AWS::Serverless::HttpApi` being built: functions' `HttpApi` events add routes to `body`. */
export interface HttpApiState {
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly properties: Record<string, unknown>;
  readonly body: Record<string, unknown>;
  /** A SAM REST API served as an HTTP API (payload 1.0, stage in the path). */
  readonly rest?: boolean;
}

/** The implicit API SAM creates for `HttpApi` events without `ApiId`. */
export function implicitHttpApi(): CfnResource {
  return { Type: 'AWS::Serverless::HttpApi', Properties: {} };
}

/**
 * Merges globals and sets up the OpenAPI body: `DefinitionBody`, or the local file `DefinitionUri`
 * names (what `sam deploy` would upload), or SAM's skeleton; `Name`, `Description` and
 * `CorsConfiguration` go into the body as SAM puts them.
 */
export function prepareHttpApi(logicalId: string, resource: CfnResource, globals: SamGlobals, ctx: SamContext): HttpApiState {
  const properties = withGlobals(globals, resource.Type, resource.Properties ?? {}, resource.IgnoreGlobals);
  const body = definitionBody(logicalId, properties, ctx);
  if (properties.CorsConfiguration !== undefined && properties.CorsConfiguration !== false) {
    for (const key of addCors(body, properties.CorsConfiguration)) ctx.warn(logicalId, resource.Type, `${key} is not a CORS setting`, `CorsConfiguration.${key}`);
  }
  const info = (isPlainObject(body.info) ? body.info : (body.info = {})) as Record<string, unknown>;
  if (properties.Name !== undefined) info.title = properties.Name;
  if (properties.Description !== undefined) info.description = properties.Description;
  for (const ignored of ['Auth', 'Domain'] as const) {
    if (properties[ignored] !== undefined) ctx.warn(logicalId, resource.Type, `${ignored} is not emulated locally (requests are not authorized; the API is served on the main port)`, ignored);
  }
  return { logicalId, resource, properties, body };
}

/** Emits the `AWS::ApiGatewayV2::Api` (with the finished body) and its auto-deployed stage. */
export function emitHttpApi(state: HttpApiState, ctx: SamContext): void {
  const { logicalId, resource, properties, body } = state;
  const attributes = { Condition: resource.Condition, DeletionPolicy: resource.DeletionPolicy, UpdateReplacePolicy: resource.UpdateReplacePolicy };
  ctx.add(logicalId, {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: { Body: body, FailOnWarnings: properties.FailOnWarnings, DisableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint },
    DependsOn: resource.DependsOn,
    Metadata: resource.Metadata,
    ...attributes,
  });
  const stageName = properties.StageName ?? DEFAULT_STAGE;
  ctx.add(stageLogicalId(logicalId, stageName), {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      ApiId: ref(logicalId),
      StageName: stageName,
      StageVariables: properties.StageVariables,
      AccessLogSettings: properties.AccessLogSettings,
      DefaultRouteSettings: properties.DefaultRouteSettings,
      RouteSettings: properties.RouteSettings,
      Tags: properties.Tags,
      AutoDeploy: true,
    },
    ...attributes,
  }, logicalId);
}

/**
 * SAM's stage id: `<Api>ApiGatewayDefaultStage` for `$default`, `<Api><Name>Stage` for an
 * alphanumeric name, `<Api>Stage<sha1 of the name>` for another string, `<Api>Stage` for an intrinsic.
 */
export function stageLogicalId(apiId: string, stageName: unknown): string {
  if (stageName === DEFAULT_STAGE) return `${apiId}ApiGatewayDefaultStage`;
  if (typeof stageName === 'string' && /^[A-Za-z0-9]+$/.test(stageName)) return `${apiId}${stageName}Stage`;
  return `${apiId}Stage${samHash(typeof stageName === 'string' ? stageName : '')}`;
}

/** SAM's `LogicalIdGenerator` hash: the first 10 hex digits of the SHA-1 of the compact, key-sorted JSON. */
export function samHash(data: unknown): string {
  if (data === '' || data === undefined || data === null) return '';
  const text = typeof data === 'string' ? data : sortedJson(data);
  return createHash('sha1').update(text).digest('hex').slice(0, 10);
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value);
}

function definitionBody(logicalId: string, properties: Record<string, unknown>, ctx: SamContext): Record<string, unknown> {
  if (properties.DefinitionBody !== undefined && properties.DefinitionUri !== undefined) {
    throw ctx.fail(logicalId, "specify either 'DefinitionUri' or 'DefinitionBody', not both");
  }
  if (isPlainObject(properties.DefinitionBody)) return structuredClone(properties.DefinitionBody);
  if (properties.DefinitionBody !== undefined) throw ctx.fail(logicalId, 'DefinitionBody must be an OpenAPI mapping', 'DefinitionBody');
  const uri = properties.DefinitionUri;
  if (uri === undefined) return openApiSkeleton();
  if (typeof uri !== 'string' || uri.startsWith('s3://')) throw ctx.fail(logicalId, 'DefinitionUri must be a local file (relative to the template)', 'DefinitionUri');
  const file = resolve(ctx.dir, uri);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw ctx.fail(logicalId, `cannot read DefinitionUri ${file}: ${(error as Error).message}`, 'DefinitionUri');
  }
  return parseTemplate(text, file);
}
