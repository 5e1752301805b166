import { ENV_NAME, type IssueCollector } from './checks.ts';
import type { AppDef } from './types.ts';

const ROUTE_KEY = /^(\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/[^\s]*)$/;

export function validateHttpApis(c: IssueCollector, app: AppDef): void {
  for (const [name, api] of Object.entries(app.httpApis ?? {})) {
    const path = `httpApis.${name}`;
    if (!Array.isArray(api.routes) || api.routes.length === 0) c.add(`${path}.routes`, 'an HTTP API needs at least one route');
    const keys = new Set<string>();
    (api.routes ?? []).forEach((route, i) => {
      const at = `${path}.routes[${i}]`;
      if (!ROUTE_KEY.test(route.route)) c.add(`${at}.route`, `must be "METHOD /path" or "$default", got "${route.route}"`);
      else if (/\{[^}]*\+\}./.test(route.route)) c.add(`${at}.route`, 'a greedy {param+} must be the last path segment');
      if (keys.has(route.route)) c.add(`${at}.route`, `duplicate route "${route.route}"`);
      keys.add(route.route);
      c.ref(`${at}.function`, 'function', route.function, app.functions);
    });
    if (api.baseUrlEnv !== undefined && !ENV_NAME.test(api.baseUrlEnv)) c.add(`${path}.baseUrlEnv`, 'is not a valid environment variable name');
  }
}
