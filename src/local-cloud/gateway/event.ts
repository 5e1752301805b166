import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface EventInput {
  request: Request;
  /** The raw request path below the API's base path. */
  path: string;
  body: Uint8Array;
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  apiId: string;
  accountId: string;
  stage: string;
  requestId: string;
  sourceIp: string;
  now: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The payload format 2.0 event for one request. Optional fields AWS leaves out when empty
 * (`cookies`, `queryStringParameters`, `pathParameters`, `body`) are left out here too.
 */
export function buildEvent(input: EventInput): APIGatewayProxyEventV2 {
  const { request, now } = input;
  const url = new URL(request.url);
  const rawQueryString = url.search.slice(1);
  // A named stage is part of the path AWS reports; `$default` is not.
  const rawPath = input.stage === '$default' ? input.path : `/${input.stage}${input.path}`;
  const headers = eventHeaders(request, input.sourceIp, url);
  const domainName = headers.host ?? url.host;
  const cookies = request.headers.get('cookie')?.split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie !== '');
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...queryParameters(rawQueryString),
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: input.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: input.requestId,
      routeKey: input.routeKey,
      stage: input.stage,
      time: formatTime(now),
      timeEpoch: now.getTime(),
    },
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    isBase64Encoded: false,
  };
  if (input.body.length > 0) {
    const text = isTextual(request.headers.get('content-type'));
    event.body = text ? new TextDecoder().decode(input.body) : Buffer.from(input.body).toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/** Lower-cased names, repeated headers comma-joined; cookies travel in `cookies` instead. */
export function eventHeaders(request: Request, sourceIp: string, url: URL): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name !== 'cookie') headers[name] = value;
  });
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] ??= url.protocol.replace(':', '');
  headers['x-forwarded-port'] ??= url.port || (url.protocol === 'https:' ? '443' : '80');
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return headers;
}

/** Repeated keys are comma-joined, as payload format 2.0 has no multi-value map. */
function queryParameters(rawQueryString: string): { queryStringParameters?: Record<string, string> } {
  if (rawQueryString === '') return {};
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    const previous = parameters[key];
    parameters[key] = previous === undefined ? value : `${previous},${value}`;
  }
  return { queryStringParameters: parameters };
}

/** Text bodies pass as they are; anything else (or no content type) is base64-encoded, as on AWS. */
export function isTextual(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('text/') || /^application\/(json|javascript|xml|[\w.+-]+\+(json|xml))$/.test(type);
}

/** AWS's `requestContext.time`, e.g. `12/Mar/2020:19:03:58 +0000`. */
export function formatTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}`;
  return `${day}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
