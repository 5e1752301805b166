import type { ErrorFormat } from '../../../platform/http.ts';
import { CommandRefusedError } from '../dispense/errors.ts';

/**
 * The dispensary's error bodies (decision 5): the platform's, except that a refused command's 409
 * names the command and the state, and every body problem of a command reads as a missing object.
 */
export const dispensaryErrors: Partial<ErrorFormat> = {
  bodyIssue: (problem) => ({ path: '', message: problem === 'not-json' ? 'the body is not valid JSON' : 'a JSON object body is required' }),
  conflict: (error) => (error instanceof CommandRefusedError ? { message: error.message, command: error.command, status: error.status } : { message: error.message }),
  noRoute: (method, path) => ({ message: `No route for ${method} ${path}` }),
  methodNotAllowed: (method, path) => ({ message: `Method ${method} not allowed on ${path}` }),
};
