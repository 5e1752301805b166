import type { CorsDef } from '../../../platform/topology/types.ts';
import { TemplateError } from '../../templates/errors.ts';
import { functionArnFromIntegrationUri, readOpenApiBody } from '../../templates/index.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { HttpApiPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, readProperties } from './values.ts';

type Warn = (logicalId: string, message: string) => void;
type Route = { routeKey: string; functionName: string; payloadFormatVersion?: '1.0' | '2.0' };

/**
 * Each HTTP API (`AWS::ApiGatewayV2::Api`, ProtocolType HTTP) with its routes: from `Route` +
 * `Integration` resources (CDK), from an OpenAPI `Body` (SAM), or quick-create (`Target` + `RouteKey`);
 * its named stages from `AWS::ApiGatewayV2::Stage`.
 */
export function templateHttpApis(stack: LoadedStack, lookup: TemplateLookup, warn: Warn): HttpApiPlan[] {
  const resolved = (logicalId: string) => readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
  const ofType = (type: string) => stack.resources.filter((r) => r.type === type);
  const integrations = new Map<string, Omit<Route, 'routeKey'>>();
  for (const { logicalId } of ofType('AWS::ApiGatewayV2::Integration')) {
    const p = resolved(logicalId);
    integrations.set(lookup.name(logicalId), { functionName: functionOf(p.string('IntegrationUri') ?? '', stack, logicalId), ...payloadVersion(p.string('PayloadFormatVersion')) });
  }
  const plans = new Map<string, { id: string; routes: Route[]; cors?: CorsDef; stages: string[] }>();
  for (const { logicalId } of ofType('AWS::ApiGatewayV2::Api')) {
    const p = resolved(logicalId);
    if ((p.string('ProtocolType') ?? 'HTTP') !== 'HTTP') continue; // WebSocket APIs are refused before the deploy
    const id = lookup.name(logicalId);
    const routes: Route[] = [];
    const target = p.string('Target');
    if (target) routes.push({ routeKey: p.string('RouteKey') ?? '$default', functionName: functionOf(target, stack, logicalId) });
    const body = p.object('Body');
    const openApi = body ? readOpenApiBody(body) : undefined;
    for (const route of openApi?.routes ?? []) {
      if (!route.functionArn) {
        warn(logicalId, `route ${route.routeKey} has no Lambda proxy integration; it is not served locally.`);
        continue;
      }
      routes.push({ routeKey: route.routeKey, functionName: nameFromArn(route.functionArn), ...payloadVersion(route.payloadFormatVersion) });
    }
    if (p.raw('BodyS3Location') !== undefined) warn(logicalId, 'BodyS3Location is not read locally: declare the routes with Body or Route resources.');
    const cors = corsOf(p.object('CorsConfiguration') ?? openApi?.cors);
    plans.set(id, { id, routes, ...(cors && { cors }), stages: [] });
  }
  for (const { logicalId } of ofType('AWS::ApiGatewayV2::Stage')) {
    const p = resolved(logicalId);
    const stage = p.string('StageName');
    if (stage && stage !== '$default') plans.get(p.string('ApiId') ?? '')?.stages.push(stage);
  }
  for (const { logicalId } of ofType('AWS::ApiGatewayV2::Route')) {
    const p = resolved(logicalId);
    const api = plans.get(p.string('ApiId') ?? '');
    if (!api) continue; // a route of an API in another stack
    const target = p.string('Target') ?? '';
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    if (!integration) throw new TemplateError(`the route's Target ${target || '(none)'} names no Lambda integration of this stack`, { file: stack.file, logicalId, property: 'Properties.Target' });
    const authorization = p.string('AuthorizationType');
    if (authorization && authorization !== 'NONE' && authorization !== 'AWS_IAM') warn(logicalId, `authorization ${authorization} is not evaluated locally.`);
    api.routes.push({ routeKey: p.string('RouteKey') ?? '$default', ...integration });
  }
  return [...plans.values()];
}

function payloadVersion(version: string | undefined): { payloadFormatVersion?: '1.0' } {
  return version === '1.0' ? { payloadFormatVersion: '1.0' } : {};
}

/** The function behind an integration URI: a function ARN or API Gateway's `…:lambda:path/2015-03-31/functions/<arn>/invocations`. */
function functionOf(uri: string, stack: LoadedStack, logicalId: string): string {
  const arn = functionArnFromIntegrationUri(uri);
  if (!arn) throw new TemplateError(`integration ${uri || '(none)'} is not a Lambda function (only Lambda proxy integrations are emulated)`, { file: stack.file, logicalId });
  return nameFromArn(arn);
}

function corsOf(config: Readonly<Record<string, unknown>> | undefined): CorsDef | undefined {
  if (!config) return undefined;
  const list = (key: string) => config[key] as string[] | undefined;
  return {
    ...(list('AllowOrigins') && { allowOrigins: list('AllowOrigins')! }),
    ...(list('AllowMethods') && { allowMethods: list('AllowMethods')! }),
    ...(list('AllowHeaders') && { allowHeaders: list('AllowHeaders')! }),
    ...(list('ExposeHeaders') && { exposeHeaders: list('ExposeHeaders')! }),
    ...(config.AllowCredentials !== undefined && { allowCredentials: config.AllowCredentials === true || config.AllowCredentials === 'true' }),
    ...(config.MaxAge !== undefined && { maxAgeSeconds: Number(config.MaxAge) }),
  };
}
