import { InvalidRouteError } from './errors.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const PARAM = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** Ordered from most to least specific: a literal segment beats a variable, which beats a greedy one. */
const Kind = { Literal: 0, Variable: 1, Greedy: 2 } as const;
type Segment = { kind: typeof Kind.Literal; value: string } | { kind: typeof Kind.Variable | typeof Kind.Greedy; name: string };

interface CompiledRoute<T> {
  routeKey: string;
  /** `ANY` matches every method; undefined for `$default`. */
  method: string | undefined;
  segments: Segment[];
  target: T;
}

export interface RouteMatch<T> {
  routeKey: string;
  target: T;
  /** Decoded values by variable name; undefined when the route has no variables. */
  pathParameters: Record<string, string> | undefined;
}

/**
 * Chooses the route for a request as API Gateway HTTP APIs do: a full match first, then the route
 * whose path is most specific (literal segments before variables, left to right), a greedy
 * `{proxy+}` last; at equal paths an exact method beats `ANY`; `$default` when nothing else matches.
 */
export class Router<T> {
  readonly #routes: CompiledRoute<T>[] = [];
  #default: CompiledRoute<T> | undefined;

  /** Throws InvalidRouteError for a malformed key or one that duplicates another route. */
  constructor(apiId: string, routes: readonly { routeKey: string; target: T }[]) {
    const seen = new Set<string>();
    for (const { routeKey, target } of routes) {
      const route = compile(apiId, routeKey, target);
      // `GET /a/{x}` and `GET /a/{y}` are the same route to API Gateway.
      const shape = `${route.method ?? ''} ${route.segments.map((s) => (s.kind === Kind.Literal ? s.value : `{${s.kind}}`)).join('/')}`;
      if (seen.has(shape)) throw new InvalidRouteError(apiId, routeKey, 'it duplicates another route');
      seen.add(shape);
      if (route.method === undefined) this.#default = route;
      else this.#routes.push(route);
    }
  }

  /** `path` is the raw (still percent-encoded) request path, starting with `/`. */
  match(method: string, path: string): RouteMatch<T> | undefined {
    const parts = path.slice(1).split('/');
    let best: { route: CompiledRoute<T>; params: Record<string, string> | undefined } | undefined;
    for (const route of this.#routes) {
      if (route.method !== method && route.method !== 'ANY') continue;
      const params = matchSegments(route.segments, parts);
      if (params === null) continue;
      if (!best || moreSpecific(route, best.route)) best = { route, params };
    }
    if (best) return { routeKey: best.route.routeKey, target: best.route.target, pathParameters: best.params };
    const fallback = this.#default;
    return fallback && { routeKey: fallback.routeKey, target: fallback.target, pathParameters: undefined };
  }
}

function compile<T>(apiId: string, routeKey: string, target: T): CompiledRoute<T> {
  if (routeKey === '$default') return { routeKey, method: undefined, segments: [], target };
  const invalid = (reason: string) => new InvalidRouteError(apiId, routeKey, reason);
  const match = /^(\S+) (\/\S*)$/.exec(routeKey);
  if (!match) throw invalid('expected "METHOD /path" or "$default"');
  const [, method = '', path = ''] = match;
  if (!METHODS.has(method)) throw invalid(`unknown method ${method}; use one of ${[...METHODS].join(', ')}`);
  const raw = path === '/' ? [''] : path.slice(1).split('/');
  const names = new Set<string>();
  const segments = raw.map((part, index): Segment => {
    if (part === '' && path !== '/') throw invalid('the path has an empty segment');
    if (!part.includes('{') && !part.includes('}')) return { kind: Kind.Literal, value: part };
    const param = PARAM.exec(part);
    if (!param) throw invalid(`segment "${part}" must be a whole {variable} or {variable+}`);
    const [, name = '', plus] = param;
    if (names.has(name)) throw invalid(`the variable {${name}} appears twice`);
    names.add(name);
    if (plus && index !== raw.length - 1) throw invalid(`the greedy variable {${name}+} must be the last segment`);
    return { kind: plus ? Kind.Greedy : Kind.Variable, name };
  });
  return { routeKey, method, segments, target };
}

/** The path parameters of a match, `undefined` when it has none, `null` when the route does not match. */
function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined | null {
  let params: Record<string, string> | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const part = parts[i];
    if (segment === undefined || part === undefined) return null;
    if (segment.kind === Kind.Greedy) {
      const rest = parts.slice(i).join('/');
      if (rest === '') return null;
      return { ...params, [segment.name]: decode(rest) };
    }
    if (segment.kind === Kind.Literal) {
      if (decode(part) !== segment.value) return null;
    } else {
      if (part === '') return null;
      (params ??= {})[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? params : null;
}

function moreSpecific<T>(candidate: CompiledRoute<T>, current: CompiledRoute<T>): boolean {
  const length = Math.min(candidate.segments.length, current.segments.length);
  for (let i = 0; i < length; i++) {
    const a = candidate.segments[i]?.kind ?? Kind.Greedy;
    const b = current.segments[i]?.kind ?? Kind.Greedy;
    if (a !== b) return a < b;
  }
  return candidate.method !== 'ANY' && current.method === 'ANY';
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
