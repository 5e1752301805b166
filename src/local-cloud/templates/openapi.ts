import { isPlainObject } from './intrinsics.ts';

/** A route of an HTTP API declared by an OpenAPI `Body`, in `AWS::ApiGatewayV2::Route` terms. */
export interface OpenApiRoute {
  /** `GET /items/{id}`, `ANY /proxy/{proxy+}` or `$default`. */
  readonly routeKey: string;
  /** `x-amazon-apigateway-integration.uri`, as resolved. */
  readonly integrationUri?: string;
  /** The Lambda function ARN inside an `arn:…:apigateway:…:lambda:path/…/functions/<arn>/invocations` URI. */
  readonly functionArn?: string;
  readonly payloadFormatVersion: string;
  readonly timeoutInMillis?: number;
}

export interface OpenApiHttpApi {
  readonly title?: string;
  readonly routes: readonly OpenApiRoute[];
  /** `x-amazon-apigateway-cors`, in `CorsConfiguration` form (`AllowOrigins` …). */
  readonly cors?: Readonly<Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];
const CORS_NAMES: Readonly<Record<string, string>> = {
  allowOrigins: 'AllowOrigins',
  allowHeaders: 'AllowHeaders',
  allowMethods: 'AllowMethods',
  exposeHeaders: 'ExposeHeaders',
  maxAge: 'MaxAge',
  allowCredentials: 'AllowCredentials',
};

/**
 * Reads the routes of an HTTP API `Body` (OpenAPI 3 with API Gateway's extensions, as SAM and
 * users write it), once resolved: each path and method with its Lambda proxy integration, and the
 * CORS settings. Methods without an `x-amazon-apigateway-integration` are listed without one.
 */
export function readOpenApiBody(body: unknown): OpenApiHttpApi {
  const doc = isPlainObject(body) ? body : {};
  const info = isPlainObject(doc.info) ? doc.info : {};
  const paths = isPlainObject(doc.paths) ? doc.paths : {};
  const routes: OpenApiRoute[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isPlainObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method.toLowerCase()) || !isPlainObject(operation)) continue;
      routes.push(route(path, method.toLowerCase(), operation));
    }
  }
  const cors = isPlainObject(doc['x-amazon-apigateway-cors'])
    ? Object.fromEntries(Object.entries(doc['x-amazon-apigateway-cors']).map(([key, value]) => [CORS_NAMES[key] ?? key, value]))
    : undefined;
  return { ...(typeof info.title === 'string' ? { title: info.title } : {}), routes, ...(cors ? { cors } : {}) };
}

function route(path: string, method: string, operation: Record<string, unknown>): OpenApiRoute {
  const any = method === 'x-amazon-apigateway-any-method';
  const routeKey = path === '$default' || path === '/$default' ? '$default' : `${any ? 'ANY' : method.toUpperCase()} ${path}`;
  const integration = isPlainObject(operation['x-amazon-apigateway-integration']) ? operation['x-amazon-apigateway-integration'] : {};
  const uri = typeof integration.uri === 'string' ? integration.uri : undefined;
  const functionArn = uri === undefined ? undefined : functionArnFromIntegrationUri(uri);
  const timeout = Number(integration.timeoutInMillis);
  return {
    routeKey,
    ...(uri === undefined ? {} : { integrationUri: uri }),
    ...(functionArn === undefined ? {} : { functionArn }),
    payloadFormatVersion: integration.payloadFormatVersion === undefined ? '2.0' : String(integration.payloadFormatVersion),
    ...(Number.isFinite(timeout) ? { timeoutInMillis: timeout } : {}),
  };
}

/**
 * The function ARN in an API Gateway Lambda integration URI
 * (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations`);
 * a plain function ARN (what HTTP APIs also accept) is returned as is.
 */
export function functionArnFromIntegrationUri(uri: string): string | undefined {
  const match = /:lambda:path\/[^/]+\/functions\/(.+)\/(?:invocations|response-streaming-invocations)$/.exec(uri);
  if (match) return match[1];
  return /^arn:[^:]+:lambda:/.test(uri) ? uri : undefined;
}
