import type { CorsDef } from '../../../platform/topology/types.ts';
import { TemplateError } from '../../templates/errors.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { HttpApiPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, readProperties } from './values.ts';

type Warn = (logicalId: string, message: string) => void;

/**
 * Each HTTP API (`AWS::ApiGatewayV2::Api`, ProtocolType HTTP) with its routes: from `Route` +
 * `Integration` resources, from an OpenAPI `Body` (`x-amazon-apigateway-integration`, what SAM
 * writes), or quick-create (`Target` + `RouteKey`).
 */
export function templateHttpApis(stack: LoadedStack, lookup: TemplateLookup, warn: Warn): HttpApiPlan[] {
  const resolved = (logicalId: string) => readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
  const integrations = new Map<string, { functionName: string }>();
  for (const resource of stack.resources.filter((r) => r.type === 'AWS::ApiGatewayV2::Integration')) {
    const p = resolved(resource.logicalId);
    if (p.string('PayloadFormatVersion') === '1.0') warn(resource.logicalId, 'payload format 1.0 is served as 2.0 locally.');
    integrations.set(lookup.name(resource.logicalId), { functionName: functionOfIntegration(p.string('IntegrationUri') ?? '', stack, resource.logicalId) });
  }
  const plans = new Map<string, { id: string; routes: { routeKey: string; functionName: string }[]; cors?: CorsDef }>();
  for (const resource of stack.resources.filter((r) => r.type === 'AWS::ApiGatewayV2::Api')) {
    const p = resolved(resource.logicalId);
    if ((p.string('ProtocolType') ?? 'HTTP') !== 'HTTP') throw new TemplateError('only HTTP APIs are emulated (WebSocket APIs are not)', { file: stack.file, logicalId: resource.logicalId, property: 'Properties.ProtocolType' });
    const id = lookup.name(resource.logicalId);
    const routes: { routeKey: string; functionName: string }[] = [];
    const target = p.string('Target');
    if (target) routes.push({ routeKey: p.string('RouteKey') ?? '$default', functionName: functionOfIntegration(target, stack, resource.logicalId) });
    const body = p.object('Body');
    if (body) routes.push(...openApiRoutes(body, stack, resource.logicalId));
    if (p.raw('BodyS3Location') !== undefined) warn(resource.logicalId, 'BodyS3Location is not read locally: declare routes with Body or Route resources.');
    const cors = corsOf(p.object('CorsConfiguration') ?? (body?.['x-amazon-apigateway-cors'] as Record<string, unknown> | undefined));
    plans.set(id, { id, routes, ...(cors && { cors }) });
  }
  for (const resource of stack.resources.filter((r) => r.type === 'AWS::ApiGatewayV2::Route')) {
    const p = resolved(resource.logicalId);
    const api = plans.get(p.string('ApiId') ?? '');
    if (!api) continue; // a route of an API in another stack or of a WebSocket API
    const target = p.string('Target') ?? '';
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    if (!integration) throw new TemplateError(`the route's Target ${target} names no Lambda integration of this stack`, { file: stack.file, logicalId: resource.logicalId, property: 'Properties.Target' });
    const authorization = p.string('AuthorizationType');
    if (authorization && authorization !== 'NONE' && authorization !== 'AWS_IAM') warn(resource.logicalId, `authorization ${authorization} is not evaluated locally.`);
    api.routes.push({ routeKey: p.string('RouteKey') ?? '$default', functionName: integration.functionName });
  }
  return [...plans.values()];
}

/** The function behind an integration URI: a function ARN or API Gateway's `…:lambda:path/2015-03-31/functions/<arn>/invocations`. */
function functionOfIntegration(uri: string, stack: LoadedStack, logicalId: string): string {
  const wrapped = /functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1];
  const arn = wrapped ?? uri;
  if (!arn.startsWith('arn:') || arn.split(':')[2] !== 'lambda') {
    throw new TemplateError(`integration ${uri || '(none)'} is not a Lambda function (only Lambda proxy integrations are emulated)`, { file: stack.file, logicalId });
  }
  return nameFromArn(arn);
}

const OPENAPI_METHODS: Readonly<Record<string, string>> = {
  get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS', 'x-amazon-apigateway-any-method': 'ANY',
};

function openApiRoutes(body: Record<string, unknown>, stack: LoadedStack, logicalId: string): { routeKey: string; functionName: string }[] {
  const routes: { routeKey: string; functionName: string }[] = [];
  for (const [path, operations] of Object.entries((body.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [method, operation] of Object.entries(operations ?? {})) {
      const verb = OPENAPI_METHODS[method.toLowerCase()];
      const integration = (operation as Record<string, unknown> | undefined)?.['x-amazon-apigateway-integration'] as { uri?: string } | undefined;
      if (!verb || !integration?.uri) continue;
      routes.push({ routeKey: path === '$default' ? '$default' : `${verb} ${path}`, functionName: functionOfIntegration(integration.uri, stack, logicalId) });
    }
  }
  return routes;
}

function corsOf(config: Record<string, unknown> | undefined): CorsDef | undefined {
  if (!config) return undefined;
  const list = (key: string, fallback: string) => (config[key] ?? config[fallback]) as string[] | undefined;
  const maxAge = config.MaxAge ?? config.maxAge;
  const credentials = config.AllowCredentials ?? config.allowCredentials;
  return {
    ...(list('AllowOrigins', 'allowOrigins') && { allowOrigins: list('AllowOrigins', 'allowOrigins')! }),
    ...(list('AllowMethods', 'allowMethods') && { allowMethods: list('AllowMethods', 'allowMethods')! }),
    ...(list('AllowHeaders', 'allowHeaders') && { allowHeaders: list('AllowHeaders', 'allowHeaders')! }),
    ...(list('ExposeHeaders', 'exposeHeaders') && { exposeHeaders: list('ExposeHeaders', 'exposeHeaders')! }),
    ...(credentials !== undefined && { allowCredentials: credentials === true || credentials === 'true' }),
    ...(maxAge !== undefined && { maxAgeSeconds: Number(maxAge) }),
  };
}
