import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type RouteLookup<R> =
  | { readonly kind: 'found'; readonly key: string; readonly route: R; readonly pathParameters: Readonly<Record<string, string | undefined>> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

/**
 * Finds a request's route. The gateway already matched it: its `routeKey` names the route and
 * `pathParameters` hold the decoded values. Only an event the gateway routed to `$default` (a
 * catch-all route, e.g. for trailing slashes) or a hand-built direct Invoke is matched here, by
 * method and path below the stage, a trailing slash ignored.
 */
export function routeTable<R>(routes: Readonly<Record<string, R>>) {
  const patterns = Object.entries(routes).map(([key, route]) => ({ key, route, ...compile(key) }));
  return (event: APIGatewayProxyEventV2): RouteLookup<R> => {
    const byKey = Object.hasOwn(routes, event.routeKey ?? '') ? routes[event.routeKey] : undefined;
    if (byKey !== undefined) return { kind: 'found', key: event.routeKey, route: byKey, pathParameters: event.pathParameters ?? {} };
    const method = requestMethod(event);
    const path = requestPath(event);
    const allowed: string[] = [];
    for (const pattern of patterns) {
      const found = pattern.regex.exec(path);
      if (!found) continue;
      if (pattern.method !== method) {
        allowed.push(pattern.method);
        continue;
      }
      const pathParameters = Object.fromEntries(pattern.names.map((name, i) => [name, safeDecode(found[i + 1] ?? '')]));
      return { kind: 'found', key: pattern.key, route: pattern.route, pathParameters };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  };
}

export function requestMethod(event: APIGatewayProxyEventV2): string {
  return (event?.requestContext?.http?.method ?? '').toUpperCase();
}

/** The path below a named stage, without a trailing slash (the reference's `POST /accounts/`). */
export function requestPath(event: APIGatewayProxyEventV2): string {
  const raw = event?.rawPath ?? event?.requestContext?.http?.path ?? '';
  const stage = event?.requestContext?.stage;
  const prefix = `/${stage}`;
  const below = stage && stage !== '$default' && (raw === prefix || raw.startsWith(`${prefix}/`)) ? raw.slice(prefix.length) || '/' : raw;
  return below.length > 1 ? below.replace(/\/+$/, '') : below;
}

function compile(key: string): { method: string; regex: RegExp; names: string[] } {
  const [method = '', path = ''] = key.split(' ');
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, regex: new RegExp(`^${source}$`), names };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
