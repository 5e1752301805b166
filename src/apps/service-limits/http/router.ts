import type { Route } from './route.ts';

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export type MatchResult = { kind: 'matched'; match: RouteMatch } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'not-found' };

/**
 * Matches a request to a route by method and path. A trailing slash is ignored, so the reference's
 * `POST /accounts/` reaches `POST /accounts` (the gateway sends such paths to `$default`).
 */
export function createRouter(routes: readonly Route[]) {
  const compiled = routes.map((route) => ({ route, pattern: compile(route.path) }));
  return (method: string, path: string): MatchResult => {
    const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const allowed: string[] = [];
    for (const { route, pattern } of compiled) {
      const found = pattern.regex.exec(normalized);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params = Object.fromEntries(pattern.names.map((name, i) => [name, safeDecode(found[i + 1] ?? '')]));
      return { kind: 'matched', match: { route, params } };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  };
}

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
