import { randomBytes } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../identity.ts';
import type { InvokeResult, RunnerLogger } from '../lambda/runner/types.ts';
import { stderrLogger } from '../lambda/runner/output.ts';
import type { CorsDef } from '../../platform/topology/types.ts';
import { CorsPolicy } from './cors.ts';
import { readBody } from '../protocol/body.ts';
import { IntegrationFailedError, IntegrationTimeoutError, PayloadTooLargeError, RouteNotFoundError } from './errors.ts';
import { buildEvent } from './event.ts';
import { buildEventV1 } from './event-v1.ts';
import { gatewayResponse, toHttpResponse } from './response.ts';
import { Router } from './router.ts';

/** HTTP APIs accept request bodies up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpApiRuntime {
  /** e.g. `ecommerce-orders`. */
  id: string;
  /** `routeKey`: `POST /api/v1/x`, `GET /items/{id}`, `ANY /files/{proxy+}` or `$default`. */
  routes: { routeKey: string; functionName: string; payloadFormatVersion?: '1.0' | '2.0' }[];
  cors?: CorsDef;
  /** Named stages (not `$default`): a request path starting with one is routed without it and reports that stage. */
  stages?: readonly string[];
}

export interface HttpGatewayOptions {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  /** How long to wait for the function; default 30,000 (AWS's maximum for HTTP APIs). */
  integrationTimeoutMs?: number;
  /** The stage name events report; default `$default`. */
  stage?: string;
  /** Why a request got a 5xx (AWS only says "Internal Server Error"); default stderr. */
  logger?: RunnerLogger;
}

interface Api {
  id: string;
  router: Router<{ functionName: string; payloadFormatVersion: '1.0' | '2.0' }>;
  cors: CorsPolicy | undefined;
  stages: ReadonlySet<string>;
}

/**
 * API Gateway HTTP APIs (payload format 2.0) as a Lambda adapter run backwards: a Fetch
 * `Request` becomes the event, the function's result becomes the `Response`. Never touches
 * `node:http`; a server in front strips each API's base path and calls `handle`.
 *
 * @example
 * const gateway = new HttpGateway({ invoke: (name, event) => runner.invoke(name, event) });
 * gateway.addApi({ id: 'orders', routes: [{ routeKey: 'POST /orders', functionName: 'placeOrder' }] });
 * app.all('/apis/orders/*', (c) => gateway.handle('orders', c.req.raw, c.req.path.slice('/apis/orders'.length)));
 */
export class HttpGateway {
  readonly #apis = new Map<string, Api>();
  readonly #invoke: HttpGatewayOptions['invoke'];
  readonly #timeoutMs: number;
  readonly #stage: string;
  readonly #logger: RunnerLogger;

  constructor(options: HttpGatewayOptions) {
    this.#invoke = options.invoke;
    this.#timeoutMs = options.integrationTimeoutMs ?? 30_000;
    this.#stage = options.stage ?? '$default';
    this.#logger = options.logger ?? stderrLogger;
  }

  /** Adds or replaces an API; throws InvalidRouteError naming the first bad route. */
  addApi(api: HttpApiRuntime): void {
    const router = new Router(api.id, api.routes.map((route) => ({ routeKey: route.routeKey, target: { functionName: route.functionName, payloadFormatVersion: route.payloadFormatVersion ?? '2.0' } })));
    this.#apis.set(api.id, { id: api.id, router, cors: api.cors ? new CorsPolicy(api.cors) : undefined, stages: new Set(api.stages ?? []) });
  }

  /** `path` is the request path with the API's local base-path prefix already removed. */
  async handle(apiId: string, request: Request, path: string, sourceIp = '127.0.0.1'): Promise<Response> {
    const api = this.#apis.get(apiId);
    if (!api) return gatewayResponse(404, 'Not Found');
    const preflight = api.cors?.preflight(request);
    if (preflight) return preflight;
    const requestId = randomBytes(11).toString('base64');
    let response: Response;
    try {
      response = await this.#route(api, request, path.startsWith('/') ? path : `/${path}`, sourceIp, requestId);
    } catch (error) {
      response = this.#errorResponse(api, error);
    }
    response.headers.set('apigw-requestid', requestId);
    return api.cors ? api.cors.apply(request, response) : response;
  }

  async #route(api: Api, request: Request, fullPath: string, sourceIp: string, requestId: string): Promise<Response> {
    const stageSegment = fullPath.split('/')[1] ?? '';
    const stage = api.stages.has(stageSegment) ? stageSegment : this.#stage;
    const path = stage === this.#stage ? fullPath : fullPath.slice(stageSegment.length + 1) || '/';
    const match = api.router.match(request.method, path);
    if (!match) throw new RouteNotFoundError(request.method, path);
    // Counted as it streams in: a body over the cap is refused without being held.
    const body = await readBody(request, MAX_BODY_BYTES, { tooLarge: (limit) => new PayloadTooLargeError(`The request body is over ${limit} bytes`) });
    const input = { request, path, body, routeKey: match.routeKey, pathParameters: match.pathParameters, apiId: api.id, accountId: LOCAL_ACCOUNT_ID, stage, requestId, sourceIp, now: new Date() };
    const { functionName, payloadFormatVersion } = match.target;
    const event = payloadFormatVersion === '1.0' ? buildEventV1({ ...input, resource: match.routeKey.replace(/^\S+ /, '') }) : buildEvent(input);
    const result = await this.#invokeWithTimeout(functionName, event);
    if (!result.ok) throw new IntegrationFailedError(functionName, `${result.error.errorType}: ${result.error.errorMessage}`);
    return toHttpResponse(result.payload);
  }

  /** Like AWS, stops waiting after the integration timeout; the function itself runs on. */
  #invokeWithTimeout(functionName: string, event: unknown): Promise<InvokeResult> {
    let timer: NodeJS.Timeout | undefined;
    const invocation = this.#invoke(functionName, event).catch((error: unknown) => {
      throw new IntegrationFailedError(functionName, error instanceof Error ? error.message : String(error), { cause: error });
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new IntegrationTimeoutError(functionName, this.#timeoutMs)), this.#timeoutMs);
    });
    invocation.catch(() => {});
    return Promise.race([invocation, timeout]).finally(() => clearTimeout(timer));
  }

  #errorResponse(api: Api, error: unknown): Response {
    if (error instanceof RouteNotFoundError) return gatewayResponse(404, 'Not Found');
    if (error instanceof PayloadTooLargeError) return gatewayResponse(413, 'Request Entity Too Large');
    this.#logger.warn(`HTTP API ${api.id}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    // HTTP APIs answer an integration timeout with 503; function errors and malformed results with 500.
    if (error instanceof IntegrationTimeoutError) return gatewayResponse(503, 'Service Unavailable');
    return gatewayResponse(500, 'Internal Server Error');
  }
}
