import { ConflictError, InvalidArgumentsError, NotFoundError, type Issue } from '../errors.ts';
import { json, type HttpResult } from './result.ts';

/** What is wrong with a body a route needs: absent, not JSON, or JSON but not an object. */
export type BodyProblem = 'missing' | 'not-json' | 'not-object';

/**
 * How an API spells its error answers. Each app keeps the bodies its README documents, so the
 * one HTTP edge takes the spelling as an option; every field defaults to the platform's.
 */
export interface ErrorFormat {
  /** 400. Default `{ message: 'Bad Request', errors: [{path, message}] }`. */
  invalid(issues: readonly Issue[]): unknown;
  /** The issue naming a body problem. Default: path `''` and a sentence (`the body is not valid JSON`). */
  bodyIssue(problem: BodyProblem): Issue;
  /** 404 for a NotFoundError. Default `{ message }`. */
  notFound(error: NotFoundError): unknown;
  /** 409 for a ConflictError. Default `{ message }`. */
  conflict(error: ConflictError): unknown;
  /** 404 for a request no route serves (only a `$default` route or a direct Invoke gets one through). Default `{ message: 'Not Found' }`. */
  noRoute(method: string, path: string): unknown;
  /** 405 for a known path with another method (with `allow`). Default `{ message: 'Method Not Allowed' }`. */
  methodNotAllowed(method: string, path: string): unknown;
  /** 500 for anything else (logged). Default `{ message: 'Internal Server Error' }`. */
  internal(): unknown;
}

const BODY_MESSAGES: Record<BodyProblem, string> = {
  missing: 'a JSON object body is required',
  'not-json': 'the body is not valid JSON',
  'not-object': 'the body must be a JSON object',
};

export const defaultErrorFormat: ErrorFormat = {
  invalid: (errors) => ({ message: 'Bad Request', errors }),
  bodyIssue: (problem) => ({ path: '', message: BODY_MESSAGES[problem] }),
  notFound: (error) => ({ message: error.message }),
  conflict: (error) => ({ message: error.message }),
  noRoute: () => ({ message: 'Not Found' }),
  methodNotAllowed: () => ({ message: 'Method Not Allowed' }),
  internal: () => ({ message: 'Internal Server Error' }),
};

/**
 * The one place errors become statuses: InvalidArgumentsError → 400, NotFoundError → 404,
 * ConflictError → 409; anything else is reported through `onUnexpected` (log it) and answers 500.
 */
export function errorResult(error: unknown, format: ErrorFormat, onUnexpected: (error: unknown) => void, headers: Record<string, string> = {}): HttpResult {
  if (error instanceof InvalidArgumentsError) return json(400, format.invalid(error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }]), headers);
  if (error instanceof NotFoundError) return json(404, format.notFound(error), headers);
  if (error instanceof ConflictError) return json(409, format.conflict(error), headers);
  onUnexpected(error);
  return json(500, format.internal(), headers);
}
