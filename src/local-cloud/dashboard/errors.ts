/** The dashboard API's errors: a 400 names the field that is wrong, a 404 the resource not found. */
export class DashboardError extends Error {
  override readonly name = 'DashboardError';

  constructor(
    readonly status: 400 | 403 | 404,
    readonly code: 'BadRequest' | 'Forbidden' | 'NotFound',
    message: string,
    /** The body field or path parameter at fault (400 only). */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badField = (field: string, message: string) => new DashboardError(400, 'BadRequest', `${field}: ${message}`, field);

export const notFound = (what: string) => new DashboardError(404, 'NotFound', `${what} does not exist.`);
