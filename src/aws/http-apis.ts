import { CfnOutput, Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, PayloadFormatVersion, type CorsHttpMethod, type CorsPreflightOptions } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { CorsDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';
import { AwsSynthError } from './errors.ts';
import { outputId } from './naming.ts';

/** The stack output holding an API's base URL: named after its `baseUrlEnv`, else `<api>_API_BASE_URL`. */
export const apiOutputId = (apiName: string, baseUrlEnv: string | undefined): string => outputId(baseUrlEnv ?? `${apiName}_API_BASE_URL`);

/**
 * HTTP APIs (payload 2.0 Lambda integrations, CORS, `$default` stage) for the APIs this stage deploys;
 * each integration may invoke its function from its own route only. One output per API base URL.
 * A `devOnly` API (deployed only with `--enable-testing-api`) takes SigV4-signed requests only: its
 * routes use IAM authorization (AWS_IAM), so a caller needs `execute-api:Invoke` on it.
 */
export function addHttpApis(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.httpApis ?? {})) {
    if (!ctx.selection.httpApis.has(name)) continue;
    const api = new HttpApi(ctx.stack, `${name}HttpApi`, { apiName: ctx.name('httpApi', name), corsPreflight: def.cors && cors(def.cors) });
    const integrations = new Map<string, HttpLambdaIntegration>();
    const authorizer = def.devOnly ? new HttpIamAuthorizer() : undefined;
    def.routes.forEach(({ route, function: fnName }, index) => {
      let integration = integrations.get(fnName);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}${fnName}Integration`, ctx.fn(fnName).fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 });
        integrations.set(fnName, integration);
      }
      new HttpRoute(ctx.stack, `${name}Route${index}`, { httpApi: api, routeKey: routeKey(route), integration, ...(authorizer && { authorizer }) });
    });
    new CfnOutput(ctx.stack, apiOutputId(name, def.baseUrlEnv), { value: api.apiEndpoint, description: def.baseUrlEnv ?? `${name} API base URL` });
  }
}

/** `POST /a/{id}` → a route key; `$default` → the catch-all route. */
export function routeKey(route: string): HttpRouteKey {
  if (route === '$default') return HttpRouteKey.DEFAULT;
  const [method = '', path = ''] = route.split(' ');
  if (!Object.hasOwn(HttpMethod, method)) throw new AwsSynthError(`route "${route}" has an unknown method "${method}".`);
  return HttpRouteKey.with(path, HttpMethod[method as keyof typeof HttpMethod]);
}

function cors(def: CorsDef): CorsPreflightOptions {
  return {
    allowOrigins: def.allowOrigins && [...def.allowOrigins],
    allowMethods: def.allowMethods?.map((method) => method as CorsHttpMethod),
    allowHeaders: def.allowHeaders && [...def.allowHeaders],
    exposeHeaders: def.exposeHeaders && [...def.exposeHeaders],
    allowCredentials: def.allowCredentials,
    maxAge: def.maxAgeSeconds === undefined ? undefined : Duration.seconds(def.maxAgeSeconds),
  };
}
