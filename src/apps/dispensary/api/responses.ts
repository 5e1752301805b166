import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { badRequest, json, type HttpResult } from '../../../platform/http.ts';
import type { Logger } from '../../../platform/log.ts';
import { CommandRefusedError, DispenseAlreadyStartedError, DispenseNotFoundError } from '../dispense/errors.ts';
import { ConcurrencyConflictError } from '../event-log/errors.ts';

export { badRequest, json, type HttpResult };

/** The one place errors become status codes (decision 5): 400, 404, 409, else 500. */
export function errorResponse(error: unknown, logger: Logger, path: string): HttpResult {
  if (error instanceof InvalidArgumentsError) return badRequest(error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }]);
  if (error instanceof DispenseNotFoundError) return json(404, { message: error.message });
  if (error instanceof CommandRefusedError) return json(409, { message: error.message, command: error.command, status: error.status });
  if (error instanceof ConcurrencyConflictError || error instanceof DispenseAlreadyStartedError) return json(409, { message: error.message });
  logger.error('request failed', { path, error });
  return json(500, { message: 'Internal Server Error' });
}
