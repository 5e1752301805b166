import { describe, expect, it } from 'vitest';
import { CorsPolicy } from './cors.ts';

const policy = new CorsPolicy({
  allowOrigins: ['https://shop.example.com', 'https://*.preview.example.com'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['x-request-id'],
  allowCredentials: true,
  maxAgeSeconds: 300,
});

const preflight = (origin: string) =>
  new Request('http://localhost/orders', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

describe('CorsPolicy.preflight', () => {
  it('answers an allowed origin with the configured headers', () => {
    const response = policy.preflight(preflight('https://shop.example.com'));

    expect(response?.status).toBe(204);
    expect(Object.fromEntries(response?.headers ?? [])).toEqual({
      'access-control-allow-origin': 'https://shop.example.com',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,authorization',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '300',
      vary: 'origin',
    });
  });

  it('matches wildcard subdomains', () => {
    expect(policy.preflight(preflight('https://pr-7.preview.example.com'))?.headers.get('access-control-allow-origin')).toBe('https://pr-7.preview.example.com');
  });

  it('answers a disallowed origin without CORS headers', () => {
    const response = policy.preflight(preflight('https://evil.example.org'));

    expect(response?.status).toBe(204);
    expect(response?.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ignores requests that are not preflights', () => {
    expect(policy.preflight(new Request('http://localhost/orders', { method: 'OPTIONS', headers: { origin: 'https://shop.example.com' } }))).toBeUndefined();
    expect(policy.preflight(new Request('http://localhost/orders', { headers: { origin: 'https://shop.example.com' } }))).toBeUndefined();
  });
});

describe('CorsPolicy.apply', () => {
  it('adds the configured headers for an allowed origin and drops those the function set', () => {
    const response = new Response('{}', { headers: { 'access-control-allow-origin': '*', 'x-request-id': 'r-1' } });

    policy.apply(new Request('http://localhost/orders', { headers: { origin: 'https://shop.example.com' } }), response);

    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('adds nothing without an allowed origin', () => {
    const response = new Response('{}', { headers: { 'access-control-allow-origin': '*' } });

    policy.apply(new Request('http://localhost/orders'), response);

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers * when every origin is allowed', () => {
    const open = new CorsPolicy({ allowOrigins: ['*'] });
    const response = open.apply(new Request('http://localhost/', { headers: { origin: 'http://a.test' } }), new Response(''));

    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('vary')).toBeNull();
  });
});
