import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from './errors.ts';
import { toHttpResponse } from './response.ts';

describe('toHttpResponse — inferred responses', () => {
  it('sends a returned object as JSON with status 200', async () => {
    const response = toHttpResponse({ message: 'Hello from Lambda!' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"message":"Hello from Lambda!"}');
  });

  it('uses a returned string as the body as it is', async () => {
    const response = toHttpResponse('Hello from Lambda!');

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('Hello from Lambda!');
  });

  it.each([
    [42, '42'],
    [null, 'null'],
    [[1, 2], '[1,2]'],
  ])('sends %j as JSON text', async (payload, body) => {
    expect(await toHttpResponse(payload).text()).toBe(body);
  });
});

describe('toHttpResponse — structured responses', () => {
  it('maps statusCode, headers, cookies and body', async () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Count': 3 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'created',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await response.text()).toBe('created');
  });

  it('decodes a base64 body', async () => {
    const response = toHttpResponse({ statusCode: 200, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true });

    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('allows no body, and no body at all for 204', async () => {
    expect(await toHttpResponse({ statusCode: 302, headers: { location: '/x' } }).text()).toBe('');
    expect(toHttpResponse({ statusCode: 204, body: 'ignored' }).body).toBeNull();
  });

  it.each([
    [{ statusCode: 'abc' }, 'statusCode'],
    [{ statusCode: 99 }, 'statusCode'],
    [{ statusCode: 200, body: { a: 1 } }, 'body must be a string'],
    [{ statusCode: 200, headers: ['x'] }, 'headers must be an object'],
    [{ statusCode: 200, headers: { x: { nested: true } } }, 'header x'],
    [{ statusCode: 200, cookies: 'a=1' }, 'cookies'],
  ])('rejects the malformed %j', (payload, reason) => {
    expect(() => toHttpResponse(payload)).toThrow(MalformedResponseError);
    expect(() => toHttpResponse(payload)).toThrow(reason);
  });
});
