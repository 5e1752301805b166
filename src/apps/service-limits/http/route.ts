import type { z } from 'zod';
import type { Deps } from '../deps.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type ErrorStatus = 400 | 404 | 409;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated parts of a request, typed by the route's schemas. */
export interface RouteInput<P, Q, B> {
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
}

/**
 * One HTTP route: its key, the zod schemas that validate its path parameters, query and body (and
 * document it in OpenAPI), its success status and schema, the errors it can answer, and the
 * service call it makes. Routes hold no business rules.
 */
export interface Route<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  readonly method: Method;
  /** With `{name}` variables, as in the route key. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly success: { readonly status: 200 | 201; readonly schema?: Schema; readonly description: string };
  readonly errors: readonly ErrorStatus[];
  /** Non-JSON answers (the docs page) return a full result instead of a value. */
  readonly contentType?: 'application/json' | 'text/html';
  handle(input: RouteInput<P, Q, B>, deps: Deps): Promise<unknown>;
}

/** Infers a route's input types from its schemas. */
export function defineRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(route: Route<P, Q, B>): Route {
  return route as unknown as Route;
}
