import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * No script, style or connection from anywhere but the page's own origin, and no framing (no
 * clickjacking of the actions): the page needs nothing else, offline.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/**
 * The page's files (plain HTML, CSS and JavaScript modules; no build step), read once from
 * `dashboard/static/` and served with an ETag, so a reload costs a 304 per file.
 */
export class DashboardAssets {
  readonly #files = new Map<string, Asset>();

  constructor(directory = STATIC_DIR) {
    for (const name of readdirSync(directory)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(`${directory}${name}`);
      this.#files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });
    }
  }

  /** The response for one file, or undefined when there is none of that name. */
  serve(name: string, ifNoneMatch: string | undefined): Response | undefined {
    const asset = this.#files.get(name);
    if (!asset) return undefined;
    const headers = { ...SECURITY_HEADERS, 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache' };
    if (ifNoneMatch === asset.etag) return new Response(null, { status: 304, headers });
    return new Response(asset.body, { headers });
  }
}
