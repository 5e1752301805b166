import type { APIGatewayProxyEvent } from 'aws-lambda';
import { eventHeaders, formatTime, isTextual, type EventInput } from './event.ts';

/**
 * The payload format 1.0 event (REST-API style: `resource`, `httpMethod`, multi-value maps) for an
 * integration that asks for it, as SAM's simple `Api` events do.
 */
export function buildEventV1(input: EventInput & { resource: string }): APIGatewayProxyEvent {
  const { request, now } = input;
  const url = new URL(request.url);
  const path = input.stage === '$default' ? input.path : `/${input.stage}${input.path}`;
  const headers = eventHeaders(request, input.sourceIp, url);
  const cookie = request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.split(',').map((v) => v.trim())]));
  const query = new URLSearchParams(url.search);
  const multiValueQuery: Record<string, string[]> = {};
  for (const [key, value] of query) (multiValueQuery[key] ??= []).push(value);
  const hasQuery = Object.keys(multiValueQuery).length > 0;
  const text = isTextual(request.headers.get('content-type'));
  const body = input.body.length === 0 ? null : text ? new TextDecoder().decode(input.body) : Buffer.from(input.body).toString('base64');
  return {
    version: '1.0',
    resource: input.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? Object.fromEntries(Object.entries(multiValueQuery).map(([key, values]) => [key, values[values.length - 1]!])) : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      authorizer: undefined,
      domainName: headers.host ?? url.host,
      domainPrefix: (headers.host ?? url.host).split('.')[0] ?? '',
      extendedRequestId: input.requestId,
      httpMethod: request.method,
      identity: identity(input.sourceIp, headers['user-agent'] ?? ''),
      path,
      protocol: 'HTTP/1.1',
      requestId: input.requestId,
      requestTime: formatTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: input.routeKey,
      resourcePath: input.resource,
      stage: input.stage,
    },
    body,
    isBase64Encoded: body !== null && !text,
  } as APIGatewayProxyEvent;
}

function identity(sourceIp: string, userAgent: string): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null, cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null, sourceIp, user: null, userAgent, userArn: null,
  };
}
