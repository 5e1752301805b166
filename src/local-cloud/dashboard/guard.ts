import type { MiddlewareHandler } from 'hono';

/** The names a loopback-bound server answers the page to; not `--allow-host` names, which are for SDKs in containers. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What the page and its API accept, so that no other site can read or drive them: a request from
 * the loopback address, for a loopback Host (no DNS rebinding), and with an `Origin`, when the
 * browser sends one, that is this very server (`http://<Host>`): a page of another site the
 * developer has open can neither read the API (no CORS headers either) nor post to it. A
 * state-changing request also needs `Sec-Fetch-Site` (when sent) to be same-origin.
 */
export function dashboardGuard(): MiddlewareHandler {
  return async (c, next) => {
    const refuse = (reason: string) => c.json({ error: 'Forbidden', message: `eventloom dashboard: ${reason}` }, 403);
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    if (remote !== undefined && !LOOPBACK_ADDRESSES.has(remote)) return refuse(`requests from ${remote} are refused; the dashboard answers on the loopback address only.`);
    const host = c.req.header('host') ?? '';
    if (!LOOPBACK_NAMES.has(host.toLowerCase().replace(/:\d+$/, ''))) return refuse(`Host "${host}" is refused; open the dashboard at http://127.0.0.1:<port>/_eventloom/.`);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return refuse(`Origin "${origin}" is refused; only the dashboard's own page may call its API.`);
    const site = c.req.header('sec-fetch-site');
    if (!SAFE_METHODS.has(c.req.method) && site !== undefined && site !== 'same-origin' && site !== 'none') return refuse(`a ${site} ${c.req.method} is refused.`);
    await next();
  };
}
