/** A route key the gateway cannot serve; raised by `addApi`, naming the API and the route. */
export class InvalidRouteError extends Error {
  override readonly name = 'InvalidRouteError';
  constructor(
    readonly apiId: string,
    readonly routeKey: string,
    reason: string,
  ) {
    super(`HTTP API ${apiId}: route "${routeKey}" is invalid: ${reason}`);
  }
}

/** No route (and no `$default`) matches the request. */
export class RouteNotFoundError extends Error {
  override readonly name = 'RouteNotFoundError';
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`No route matches ${method} ${path}`);
  }
}

/** The function failed, or could not be invoked at all. */
export class IntegrationFailedError extends Error {
  override readonly name = 'IntegrationFailedError';
  constructor(
    readonly functionName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${functionName}: ${message}`, options);
  }
}

/** The function did not answer within the integration timeout (AWS: 30 s). */
export class IntegrationTimeoutError extends Error {
  override readonly name = 'IntegrationTimeoutError';
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
  ) {
    super(`${functionName} did not answer within ${timeoutMs} ms`);
  }
}

/** The function answered with something that is not a payload format 2.0 response. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/** The request body exceeds the HTTP API payload limit (10 MB). */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}
