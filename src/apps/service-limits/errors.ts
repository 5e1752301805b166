/**
 * The answer to a create past the account's limit (409; spec `service-limits.md`). The API's errors
 * are the platform's: NotFoundError (404) and ConflictError (409), in `platform/errors.ts`.
 */
export const LIMIT_REACHED = 'Maximum number of services reached for this account';
