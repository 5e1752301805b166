import { isPlainObject } from '../intrinsics.ts';

export const ANY_METHOD = 'x-amazon-apigateway-any-method';
export const DEFAULT_PATH = '$default';
const INTEGRATION = 'x-amazon-apigateway-integration';
const CORS = 'x-amazon-apigateway-cors';

/** The OpenAPI document SAM starts an HTTP API from (`OpenApiEditor.gen_skeleton`). */
export function openApiSkeleton(): Record<string, unknown> {
  return { openapi: '3.0.1', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} };
}

/** `ANY` (any case) is API Gateway's any-method extension; other methods are lower case in OpenAPI. */
export function normalizeMethod(method: string): string {
  const lower = method.toLowerCase();
  return lower === 'any' ? ANY_METHOD : lower;
}

/** The `Fn::Sub` integration URI SAM writes for a function (`_build_apigw_integration_uri`). */
export function lambdaIntegrationUri(functionId: string): unknown {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations` };
}

export interface IntegrationOptions {
  readonly payloadFormatVersion?: unknown;
  readonly timeoutInMillis?: unknown;
  /** The function's condition: the method is wrapped in `Fn::If` so a dropped function leaves no route. */
  readonly condition?: string;
}

/**
 * Adds an `aws_proxy` Lambda integration for `path` / `method` to an OpenAPI body, unless the body
 * already integrates that method (as SAM's `add_lambda_integration`).
 *
 * @returns false when the method was already there.
 */
export function addLambdaIntegration(body: Record<string, unknown>, path: string, method: string, functionId: string, options: IntegrationOptions = {}): boolean {
  const paths = (body.paths ??= {}) as Record<string, unknown>;
  const item = (paths[path] ??= {}) as Record<string, unknown>;
  if (isPlainObject(item[method]) && INTEGRATION in item[method]) return false;
  const integration: Record<string, unknown> = { type: 'aws_proxy', httpMethod: 'POST', payloadFormatVersion: '2.0', uri: lambdaIntegrationUri(functionId) };
  if (options.payloadFormatVersion !== undefined) integration.payloadFormatVersion = options.payloadFormatVersion;
  if (options.timeoutInMillis !== undefined) integration.timeoutInMillis = options.timeoutInMillis;
  const operation: Record<string, unknown> = { ...(isPlainObject(item[method]) ? item[method] : {}), [INTEGRATION]: integration };
  if (path === DEFAULT_PATH && method === ANY_METHOD) operation.isDefaultRoute = true;
  operation.responses ??= {};
  item[method] = options.condition === undefined ? operation : { 'Fn::If': [options.condition, operation, { Ref: 'AWS::NoValue' }] };
  return true;
}

/** True when `path`/`method` of the body already integrates `functionId` (SAM then skips a duplicate permission). */
export function integratesFunction(body: Record<string, unknown>, path: string, method: string, functionId: string): boolean {
  const paths = isPlainObject(body.paths) ? body.paths : {};
  const item = isPlainObject(paths[path]) ? paths[path] : {};
  const operation = isPlainObject(item[method]) ? item[method] : {};
  const integration = isPlainObject(operation[INTEGRATION]) ? operation[INTEGRATION] : {};
  return JSON.stringify(integration.uri) === JSON.stringify(lambdaIntegrationUri(functionId));
}

/** The CloudFormation `CorsConfiguration` keys and their OpenAPI extension names. */
const CORS_KEYS: Readonly<Record<string, string>> = {
  AllowOrigins: 'allowOrigins',
  AllowHeaders: 'allowHeaders',
  AllowMethods: 'allowMethods',
  ExposeHeaders: 'exposeHeaders',
  MaxAge: 'maxAge',
  AllowCredentials: 'allowCredentials',
};

/**
 * Writes an HTTP API's `CorsConfiguration` into the body's `x-amazon-apigateway-cors`, over what the
 * body had (SAM's `add_cors`); `true` allows every origin.
 *
 * @returns the keys that are not CORS settings, for the caller to report.
 */
export function addCors(body: Record<string, unknown>, cors: unknown): string[] {
  const settings = cors === true || cors === 'true' ? { AllowOrigins: ['*'] } : isPlainObject(cors) ? cors : {};
  const current = isPlainObject(body[CORS]) ? { ...body[CORS] } : {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const name = CORS_KEYS[key];
    if (name === undefined) unknown.push(key);
    else current[name] = value;
  }
  body[CORS] = current;
  return unknown;
}
