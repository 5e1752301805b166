import type { z } from 'zod';
import type { Route } from '../../../platform/http.ts';
import type { Deps } from '../deps.ts';

export type ErrorStatus = 400 | 404 | 409;

/** What the OpenAPI document says of a route beside its zod schemas. */
export interface RouteDocs {
  readonly summary: string;
  readonly tag: string;
  /** The success body's schema (documentation only) and what it is. */
  readonly response: { readonly schema?: z.ZodType; readonly description: string };
  /** The error statuses the route can answer. */
  readonly errors: readonly ErrorStatus[];
}

/** A route of the API, documented: the platform's route (schemas, status, call) plus its docs. */
export type ApiRoute = Route<Deps> & RouteDocs;

type Schema = z.ZodType | undefined;

/** Infers a route's input types from its schemas, then erases them so that all routes share one record. */
export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, R = unknown>(route: Route<Deps, P, Q, B, R> & RouteDocs): ApiRoute {
  return route as unknown as ApiRoute;
}
