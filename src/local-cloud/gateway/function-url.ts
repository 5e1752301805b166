import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, localRegion } from '../identity.ts';
import type { InvokeResult, RunnerLogger } from '../lambda/runner/types.ts';
import { stderrLogger } from '../lambda/runner/output.ts';
import type { CorsDef } from '../../platform/topology/types.ts';
import { readBody, RequestTooLargeError } from '../protocol/body.ts';
import { CorsPolicy } from './cors.ts';
import { buildEvent } from './event.ts';
import { toHttpResponse } from './response.ts';

/** Lambda's synchronous payload limit applies to a function URL's request body. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface FunctionUrlConfig {
  /** The URL id, AWS's 32 lower-case characters (`<urlId>.lambda-url.<region>.on.aws`). */
  readonly urlId: string;
  readonly functionName: string;
  /** `AWS_IAM` requests are accepted without evaluating the signature (IAM is not emulated). */
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly cors?: CorsDef;
}

export interface FunctionUrlsOptions {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  /** Why a request got a 502; default stderr. */
  logger?: RunnerLogger;
}

/** The host a function URL has on AWS. */
export function functionUrlDomain(urlId: string, region = localRegion()): string {
  return `${urlId}.lambda-url.${region}.on.aws`;
}

/**
 * Lambda function URLs, served on the main port under `/lambda-url/<urlId>/…`: the request becomes
 * the function-URL event (API Gateway's payload 2.0 with route `$default` and the URL's AWS domain)
 * and the result becomes the response by the same rules as an HTTP API's. A function error or a
 * malformed result answers 502, as a function URL does.
 *
 * @example
 * urls.add({ urlId: 'abc…', functionName: 'hello', authType: 'NONE' });
 * app.all('/lambda-url/:id/*', (c) => urls.handle(c.req.param('id'), c.req.raw, pathBelowTheId));
 */
export class FunctionUrls {
  readonly #urls = new Map<string, { config: FunctionUrlConfig; cors: CorsPolicy | undefined }>();
  readonly #invoke: FunctionUrlsOptions['invoke'];
  readonly #logger: RunnerLogger;

  constructor(options: FunctionUrlsOptions) {
    this.#invoke = options.invoke;
    this.#logger = options.logger ?? stderrLogger;
  }

  /** Adds or replaces a URL. */
  add(config: FunctionUrlConfig): void {
    this.#urls.set(config.urlId, { config, cors: config.cors ? new CorsPolicy(config.cors) : undefined });
  }

  list(): FunctionUrlConfig[] {
    return [...this.#urls.values()].map((url) => url.config);
  }

  /** `path` is the request path below `/lambda-url/<urlId>`. */
  async handle(urlId: string, request: Request, path: string, sourceIp = '127.0.0.1'): Promise<Response> {
    const url = this.#urls.get(urlId);
    if (!url) return message(404, 'Not Found');
    const preflight = url.cors?.preflight(request);
    if (preflight) return preflight;
    const response = await this.#invokeFunction(url.config, request, path.startsWith('/') ? path : `/${path}`, sourceIp);
    response.headers.set('x-amzn-requestid', randomUUID());
    return url.cors ? url.cors.apply(request, response) : response;
  }

  async #invokeFunction(config: FunctionUrlConfig, request: Request, path: string, sourceIp: string): Promise<Response> {
    let body: Uint8Array;
    try {
      // Counted as it streams in: a body over the cap is refused without being held.
      body = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof RequestTooLargeError) return message(413, `Request must be smaller than ${MAX_BODY_BYTES} bytes for the InvokeFunction operation`);
      throw error;
    }
    const event = functionUrlEvent(config, buildEvent({
      request,
      path,
      body,
      routeKey: '$default',
      pathParameters: undefined,
      apiId: config.urlId,
      accountId: LOCAL_ACCOUNT_ID,
      stage: '$default',
      requestId: randomUUID(),
      sourceIp,
      now: new Date(),
    }), request);
    try {
      const result = await this.#invoke(config.functionName, event);
      if (result.ok) return toHttpResponse(result.payload);
      this.#logger.warn(`function URL ${config.urlId}: ${config.functionName} failed: ${result.error.errorType}: ${result.error.errorMessage}`);
    } catch (error) {
      this.#logger.warn(`function URL ${config.urlId}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    return new Response('Internal Server Error', { status: 502, headers: { 'content-type': 'text/plain' } });
  }
}

/** The payload 2.0 event as a function URL differs from an HTTP API's: its AWS domain, and the IAM caller for `AWS_IAM`. */
function functionUrlEvent(config: FunctionUrlConfig, event: APIGatewayProxyEventV2, request: Request): APIGatewayProxyEventV2 {
  const domainName = functionUrlDomain(config.urlId);
  const requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: unknown } = { ...event.requestContext, domainName, domainPrefix: config.urlId };
  if (config.authType === 'AWS_IAM') {
    const accessKey = /Credential=([^/,\s]+)/.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
    requestContext.authorizer = {
      iam: { accessKey, accountId: LOCAL_ACCOUNT_ID, callerId: 'local', cognitoIdentity: null, principalOrgId: null, userArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/local`, userId: 'local' },
    };
  }
  return { ...event, requestContext };
}

function message(status: number, text: string): Response {
  return new Response(JSON.stringify({ Message: text }), { status, headers: { 'content-type': 'application/json' } });
}
