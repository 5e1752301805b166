import { randomUUID } from 'node:crypto';
import { readBody, RequestTooLargeError } from './body.ts';
import { AwsServiceError, notImplemented } from './errors.ts';
import { isOperationName } from './operations.ts';
import { QueryParams } from './query-params.ts';
import { el, renderXml, rootElement, XML_DECLARATION, type XmlContent } from './xml.ts';

/**
 * One emulated service speaking AWS's query protocol (SQS's legacy face, CloudFormation): requests
 * are form-encoded `Action=…&Version=…` parameters, answers XML.
 */
export interface AwsQueryService {
  /** The SigV4 signing name in a request's credential scope, e.g. `sqs`, `cloudformation`. */
  readonly signingName: string;
  /** The namespace of its response documents, e.g. `http://queue.amazonaws.com/doc/2012-11-05/`. */
  readonly xmlNamespace: string;
  /** Every action it serves: routes requests that carry no credential scope. */
  readonly actions: ReadonlySet<string>;
  /** The largest request body it reads, in bytes (413 beyond); default 1 MiB. */
  readonly maxRequestBytes?: number;
  /** Whether a request path is the service's own (SQS's queue URLs, which older SDKs post to). */
  ownsPath?(path: string): boolean;
  /**
   * Runs one action: returns the children of `<ActionResult>`, or `undefined` for an action whose
   * response has no result element (DeleteQueue). Throws AwsServiceError; unknown actions `notImplemented`.
   */
  handle(action: string, params: QueryParams, request: { readonly path: string }): Promise<XmlContent[] | undefined>;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
const XML_HEADERS = { 'content-type': 'text/xml' };

/** Whether a request speaks awsQuery: a form-encoded POST, or a GET whose query string names an Action. */
export function isAwsQueryRequest(request: Request): boolean {
  if (request.method === 'POST') return request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === FORM_CONTENT_TYPE;
  return request.method === 'GET' && new URL(request.url).searchParams.has('Action');
}

/** parse → route → invoke → serialize for one awsQuery request; errors become AWS's `<ErrorResponse>`. */
export async function handleAwsQuery(services: readonly AwsQueryService[], request: Request): Promise<Response> {
  const requestId = randomUUID();
  const url = new URL(request.url);
  let service: AwsQueryService | undefined;
  try {
    // The action (and so the service) is in the body: read it under the largest cap, then the service's own.
    const { params, bodyBytes } = await readParams(request, url, Math.max(...services.map(maxRequestBytes)));
    const action = params.get('Action');
    service = routeAwsQuery(services, request, url.pathname, action);
    if (!action) throw new AwsServiceError('MissingAction', 'The request must contain the parameter Action.');
    if (!service || (!service.actions.has(action) && !isOperationName(action))) {
      throw new AwsServiceError('InvalidAction', `The action ${action.slice(0, 128)} is not valid for this web service.`);
    }
    if (bodyBytes > maxRequestBytes(service)) throw new RequestTooLargeError(maxRequestBytes(service));
    const result = await service.handle(action, params, { path: url.pathname });
    const response = rootElement(
      `${action}Response`,
      service.xmlNamespace,
      result === undefined ? undefined : el(`${action}Result`, ...result),
      el('ResponseMetadata', el('RequestId', requestId)),
    );
    return new Response(XML_DECLARATION + renderXml(response), { status: 200, headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId } });
  } catch (error) {
    return awsQueryError(error, requestId, service?.xmlNamespace);
  }
}

/**
 * The service of a request: by its SigV4 credential scope when signed, else by its path (a queue
 * URL), else by the action it names; undefined when none claims it. A scope naming a service the
 * cloud does not serve is NotImplemented.
 */
export function routeAwsQuery(services: readonly AwsQueryService[], request: Request, path: string, action: string | undefined): AwsQueryService | undefined {
  const signingName = credentialScopeService(request);
  if (signingName) {
    const signed = services.find((service) => service.signingName === signingName);
    if (signed) return signed;
    throw notImplemented(signingName, action ?? '(no Action)');
  }
  return services.find((service) => service.ownsPath?.(path)) ?? (action ? services.find((service) => service.actions.has(action)) : undefined);
}

/** The service named in a SigV4 credential scope (`Credential=AKID/20240101/us-east-1/sqs/aws4_request`). */
export function credentialScopeService(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  const scope = (authorization && /Credential=([^,\s]+)/.exec(authorization)?.[1]) || new URL(request.url).searchParams.get('X-Amz-Credential');
  return scope?.split('/')[3] || undefined;
}

/** AWS's query error document; the code is the legacy query code where the service has one. */
export function awsQueryError(error: unknown, requestId: string, xmlNamespace?: string): Response {
  const failure =
    error instanceof AwsServiceError
      ? error
      : new AwsServiceError('InternalFailure', error instanceof Error ? error.message : String(error), { statusCode: 500 });
  const body = rootElement(
    'ErrorResponse',
    xmlNamespace,
    el('Error', el('Type', failure.fault), el('Code', failure.queryErrorCode ?? failure.code), el('Message', failure.message)),
    el('RequestId', requestId),
  );
  return new Response(XML_DECLARATION + renderXml(body), { status: failure.statusCode, headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId } });
}

function maxRequestBytes(service: AwsQueryService): number {
  return service.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
}

/** A POST's form body (at most `limit` bytes), with any parameters of its query string beside them (the body wins). */
async function readParams(request: Request, url: URL, limit: number): Promise<{ params: QueryParams; bodyBytes: number }> {
  const fromUrl = url.search.slice(1);
  if (request.method !== 'POST') return { params: QueryParams.parse(fromUrl), bodyBytes: 0 };
  const bytes = await readBody(request, limit);
  const body = new TextDecoder().decode(bytes);
  return { params: QueryParams.parse(fromUrl ? `${body}&${fromUrl}` : body), bodyBytes: bytes.byteLength };
}
