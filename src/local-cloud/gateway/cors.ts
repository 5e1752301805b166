import type { CorsDef } from '../../platform/topology/types.ts';

/**
 * An API's CORS configuration, applied as API Gateway does once CORS is configured: it answers
 * preflight requests itself (no function runs), adds the configured headers to every response
 * for an allowed origin, and ignores CORS headers the function returned.
 */
export class CorsPolicy {
  readonly #origins: readonly string[];
  readonly #patterns: readonly RegExp[];

  constructor(private readonly def: CorsDef) {
    this.#origins = def.allowOrigins ?? [];
    // `https://*.example.com` allows any subdomain.
    this.#patterns = this.#origins.filter((o) => o !== '*' && o.includes('*')).map((o) => new RegExp(`^${o.split('*').map(escape).join('[^/]*')}$`, 'i'));
  }

  /** The 204 answer to a preflight request, or undefined when the request is not one. */
  preflight(request: Request): Response | undefined {
    const origin = request.headers.get('origin');
    if (request.method !== 'OPTIONS' || !origin || !request.headers.has('access-control-request-method')) return undefined;
    const headers = new Headers();
    const allowOrigin = this.#allowOrigin(origin);
    if (allowOrigin) {
      this.#setOriginHeaders(headers, allowOrigin);
      if (this.def.allowMethods?.length) headers.set('access-control-allow-methods', this.def.allowMethods.join(','));
      if (this.def.allowHeaders?.length) headers.set('access-control-allow-headers', this.def.allowHeaders.join(','));
      if (this.def.maxAgeSeconds !== undefined) headers.set('access-control-max-age', String(this.def.maxAgeSeconds));
    }
    return new Response(null, { status: 204, headers });
  }

  /** Replaces whatever CORS headers the response carries with the configured ones. */
  apply(request: Request, response: Response): Response {
    for (const name of [...response.headers.keys()]) {
      if (name.startsWith('access-control-')) response.headers.delete(name);
    }
    const origin = request.headers.get('origin');
    const allowOrigin = origin ? this.#allowOrigin(origin) : undefined;
    if (!allowOrigin) return response;
    this.#setOriginHeaders(response.headers, allowOrigin);
    if (this.def.exposeHeaders?.length) response.headers.set('access-control-expose-headers', this.def.exposeHeaders.join(','));
    return response;
  }

  #allowOrigin(origin: string): string | undefined {
    if (this.#origins.includes('*')) return '*';
    if (this.#origins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase())) return origin;
    return this.#patterns.some((pattern) => pattern.test(origin)) ? origin : undefined;
  }

  #setOriginHeaders(headers: Headers, allowOrigin: string): void {
    headers.set('access-control-allow-origin', allowOrigin);
    if (allowOrigin !== '*') headers.append('vary', 'origin');
    if (this.def.allowCredentials) headers.set('access-control-allow-credentials', 'true');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
