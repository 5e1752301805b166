import type { z } from 'zod';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated parts of a request, typed by the route's schemas (`undefined` where it has none). */
export interface RouteInput<P, Q, B> {
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
}

/**
 * One operation of an HTTP API: the zod schemas that validate its path parameters, query and JSON
 * body, its success status, and the call it makes. Routes hold no business rules; errors become
 * statuses in one place (`errorResult`). An API's routes are a record keyed by the gateway's route
 * key (`POST /dispenses/{id}/patient`), the same key the topology declares.
 */
export interface Route<Deps = unknown, P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined, R = unknown> {
  /** Validates the path parameters (`{id}` of the route key). Default: not read. */
  readonly params?: P;
  /** Validates the query string parameters. Default: not read. */
  readonly query?: Q;
  /** Validates the body, which must then be a JSON object (400 otherwise). Default: not read. */
  readonly body?: B;
  /** Status of a success. Default 200. */
  readonly status?: 200 | 201 | 202;
  /** `text/html` answers the result as a page (a string). Default JSON. */
  readonly contentType?: 'application/json' | 'text/html';
  /** Headers of a success, from its result (e.g. a `location`). Default none. */
  readonly headers?: (result: R) => Record<string, string>;
  handle(input: RouteInput<P, Q, B>, deps: Deps): Promise<R>;
}

/** An API's routes by route key (`METHOD /path/{name}`). */
export type Routes<Deps> = Readonly<Record<string, Route<Deps>>>;

/**
 * A route builder for one API's `Deps`: it infers each route's input from its schemas and erases
 * them, so that routes of different shapes share one record.
 *
 * @example
 * const defineRoute = routeFor<Deps>();
 * export const routes = { 'GET /accounts/{id}': defineRoute({ params: accountIdParams, handle: ({ params }, deps) => getAccount(deps, params.id) }) };
 */
export function routeFor<Deps>() {
  return <P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined, R = unknown>(route: Route<Deps, P, Q, B, R>): Route<Deps> =>
    route as unknown as Route<Deps>;
}
