/** A request of the seed could not reach an API (nothing listens at its base URL). */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';

  constructor(
    readonly url: string,
    options: { cause?: unknown } = {},
  ) {
    super(`could not reach ${url}`, options);
  }
}

/** A list API answered something other than 200 with a body of the documented shape. */
export class ApiResponseError extends Error {
  override readonly name = 'ApiResponseError';

  constructor(
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${url} answered ${status}: ${body}`);
  }
}
