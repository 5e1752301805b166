import { describe, expect, it } from 'vitest';
import { buildEvent, formatTime, type EventInput } from './event.ts';

const now = new Date('2020-03-12T19:03:58.123Z');

function input(request: Request, overrides: Partial<EventInput> = {}): EventInput {
  return {
    request,
    path: new URL(request.url).pathname.replace('/apis/orders', ''),
    body: new Uint8Array(0),
    routeKey: 'GET /items/{id}',
    pathParameters: { id: '42' },
    apiId: 'orders',
    accountId: '000000000000',
    stage: '$default',
    requestId: 'JKJaXmPLvHcESHA=',
    sourceIp: '10.0.0.7',
    now,
    ...overrides,
  };
}

describe('buildEvent', () => {
  it('builds a payload format 2.0 event', () => {
    const request = new Request('http://localhost:4566/apis/orders/items/42?tag=a&tag=b&q=x%20y&flag', {
      headers: { 'User-Agent': 'curl/8', 'X-Custom': 'one', Cookie: 'session=abc; theme=dark', Host: 'localhost:4566' },
    });

    const event = buildEvent(input(request));

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'tag=a&tag=b&q=x%20y&flag',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'x y', flag: '' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'orders',
        domainName: 'localhost:4566',
        domainPrefix: 'localhost:4566',
        http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '10.0.0.7', userAgent: 'curl/8' },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'GET /items/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: now.getTime(),
      },
    });
    expect(event.headers).toMatchObject({ 'user-agent': 'curl/8', 'x-custom': 'one', 'x-forwarded-for': '10.0.0.7', 'x-forwarded-proto': 'http' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event).not.toHaveProperty('body');
  });

  it('leaves out what the request does not have', () => {
    const event = buildEvent(input(new Request('http://localhost/apis/orders/items'), { routeKey: '$default', pathParameters: undefined }));

    expect(event.rawQueryString).toBe('');
    for (const field of ['cookies', 'queryStringParameters', 'pathParameters', 'body', 'stageVariables']) expect(event).not.toHaveProperty(field);
  });

  it('passes a text body as it is', () => {
    const body = new TextEncoder().encode('{"sku":"ä-1"}');
    const request = new Request('http://localhost/apis/orders/items', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' } });

    expect(buildEvent(input(request, { body }))).toMatchObject({ body: '{"sku":"ä-1"}', isBase64Encoded: false });
  });

  it('base64-encodes a binary body, or one without a content type', () => {
    const body = new Uint8Array([0, 255, 1]);
    const png = new Request('http://localhost/apis/orders/x', { method: 'POST', headers: { 'content-type': 'image/png' } });
    const untyped = new Request('http://localhost/apis/orders/x', { method: 'POST' });

    expect(buildEvent(input(png, { body }))).toMatchObject({ body: 'AP8B', isBase64Encoded: true });
    expect(buildEvent(input(untyped, { body }))).toMatchObject({ body: 'AP8B', isBase64Encoded: true });
  });

  it('puts a named stage in front of the path', () => {
    const event = buildEvent(input(new Request('http://localhost/apis/orders/items/42'), { stage: 'prod' }));

    expect(event.rawPath).toBe('/prod/items/42');
    expect(event.requestContext.stage).toBe('prod');
  });
});

describe('formatTime', () => {
  it('uses AWS format, in UTC, zero-padded', () => {
    expect(formatTime(new Date('2024-01-05T03:04:05Z'))).toBe('05/Jan/2024:03:04:05 +0000');
  });
});
