import type { Context, Hono } from 'hono';
import { AwsServiceError } from '../protocol/errors.ts';
import { dashboardActions } from './actions.ts';
import { API_ROUTES } from './api-routes.ts';
import { DashboardAssets, SECURITY_HEADERS } from './assets.ts';
import type { Dashboard } from './dashboard.ts';
import { DashboardError, badField } from './errors.ts';
import { dashboardGuard } from './guard.ts';
import { queryInteger, readBody } from './input.ts';
import { functionLogs } from './logs-read.ts';

/**
 * Mounts the page (`/_eventloom/`), its files, its live feed and its JSON API on the cloud's app,
 * behind the loopback/Origin guard. The API answers JSON: `{ error, message, field? }` on failure.
 */
export function mountDashboard(app: Hono, dashboard: Dashboard, assets = new DashboardAssets()): void {
  const actions = dashboardActions(dashboard);
  const guard = dashboardGuard();
  // The page and its API, and anything under /_eventloom that is not a read (the older inspector routes only read).
  const guarded = (path: string, method: string) => DASHBOARD_PATH.test(path) || !['GET', 'HEAD'].includes(method);
  app.use('/_eventloom/*', (c, next) => (guarded(new URL(c.req.url).pathname, c.req.method) ? guard(c, next) : next()));

  const page = (c: Context) => assets.serve('index.html', c.req.header('if-none-match')) ?? c.notFound();
  app.get('/_eventloom', (c) => c.redirect('/_eventloom/' + new URL(c.req.url).search));
  app.get('/_eventloom/', page);
  app.get('/_eventloom/assets/:file', (c) => assets.serve(c.req.param('file'), c.req.header('if-none-match')) ?? c.notFound());
  app.get('/_eventloom/events', (c) => {
    const lastEventId = queryInteger(c.req.header('last-event-id'), 'Last-Event-ID', Number.MAX_SAFE_INTEGER);
    return dashboard.live.connect(lastEventId, c.req.raw.signal);
  });

  const json = (handler: (c: Context) => unknown) => async (c: Context) => {
    try {
      const result = (await handler(c)) as object;
      // An action may change what no activity reports (a pause, a fault): open pages get a fresh overview.
      if (c.req.method !== 'GET') dashboard.live.refreshSoon();
      return c.json(result, 200, SECURITY_HEADERS);
    } catch (error) {
      return errorResponse(c, error);
    }
  };
  const name = (c: Context, param = 'name') => c.req.param(param) ?? '';

  for (const index of ['/_eventloom/api', '/_eventloom/api/']) app.get(index, json(() => ({ routes: API_ROUTES })));
  app.get('/_eventloom/api/overview', json(() => dashboard.overview()));
  app.get(
    '/_eventloom/api/activity',
    json((c) => ({ steps: dashboard.services.activity.views(queryInteger(c.req.query('after'), 'after', Number.MAX_SAFE_INTEGER) ?? 0, queryInteger(c.req.query('limit'), 'limit', 5_000) ?? 500) })),
  );
  app.get(
    '/_eventloom/api/trace',
    json((c) => {
      const key = c.req.query('key')?.trim();
      if (!key) throw badField('key', 'is required: an order id, a request id, any text the events carry.');
      return dashboard.trace(key);
    }),
  );
  app.get(
    '/_eventloom/api/functions/:name/logs',
    json((c) => {
      const fn = name(c);
      if (!dashboard.services.runner.has(fn)) throw new DashboardError(404, 'NotFound', `Function ${fn} does not exist.`);
      const since = queryInteger(c.req.query('since'), 'since', Number.MAX_SAFE_INTEGER);
      const limit = queryInteger(c.req.query('limit'), 'limit', 5_000) ?? 200;
      return { function: fn, lines: functionLogs(dashboard.services.logs, fn, { limit, ...(since !== undefined && { since }) }) };
    }),
  );
  app.post('/_eventloom/api/functions/:name/invoke', json(async (c) => actions.invoke(name(c), await readBody(c.req.raw))));
  app.get('/_eventloom/api/faults', json(() => ({ faults: dashboard.services.runner.faults.list() })));
  app.put('/_eventloom/api/functions/:name/fault', json(async (c) => actions.setFault(name(c), await readBody(c.req.raw))));
  app.delete('/_eventloom/api/functions/:name/fault', json((c) => actions.clearFault(name(c))));
  app.post('/_eventloom/api/queues/:name/messages', json(async (c) => actions.sendMessage(name(c), await readBody(c.req.raw))));
  app.post('/_eventloom/api/queues/:name/purge', json((c) => actions.purge(name(c))));
  app.post('/_eventloom/api/queues/:name/redrive', json(async (c) => actions.redrive(name(c), await readBody(c.req.raw))));
  app.get('/_eventloom/api/queues/:name/redrive', json((c) => actions.redrives(name(c))));
  app.post('/_eventloom/api/queues/:name/redrive/cancel', json(async (c) => actions.cancelRedrive(name(c), await readBody(c.req.raw))));
  app.post('/_eventloom/api/events', json(async (c) => actions.putEvent(await readBody(c.req.raw))));
  app.post('/_eventloom/api/event-source-mappings/:uuid/pause', json((c) => actions.pauseMapping(name(c, 'uuid'))));
  app.post('/_eventloom/api/event-source-mappings/:uuid/resume', json((c) => actions.resumeMapping(name(c, 'uuid'))));
  app.all('/_eventloom/api/*', (c) => c.json({ error: 'NotFound', message: `No dashboard API route for ${c.req.method} ${new URL(c.req.url).pathname}; GET /_eventloom/api lists them.` }, 404));
}

const DASHBOARD_PATH = /^\/_eventloom\/(?:$|assets\/|events$|api(?:$|\/))/;

function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof DashboardError) {
    return c.json({ error: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }) }, error.status, SECURITY_HEADERS);
  }
  if (error instanceof AwsServiceError) {
    const status = error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 400;
    return c.json({ error: error.code, message: error.message }, status as 400, SECURITY_HEADERS);
  }
  return c.json({ error: 'InternalError', message: error instanceof Error ? error.message : String(error) }, 500, SECURITY_HEADERS);
}
