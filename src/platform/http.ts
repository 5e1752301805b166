import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidArgumentsError } from './errors.ts';
import { createLogger, type Logger } from './log.ts';
import { zodIssues } from './validation.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpHandlerOptions<Schema extends z.ZodType, Result> {
  /** Validates the JSON body; unknown keys are dropped unless the schema is strict. */
  schema: Schema;
  /** Status of a successful response (202 for event-producing APIs, 200 for reads). */
  successStatus: 200 | 202;
  handle: (input: z.output<Schema>) => Promise<Result>;
  /** Default: a JSON logger tagged with the function name. */
  logger?: Logger;
}

/**
 * Turns a validated, typed operation into an API Gateway v2 (payload 2.0) handler: parse the body,
 * validate it (400 `{message:"Bad Request", errors:[{path, message}]}`), run it, answer JSON;
 * anything thrown is logged and answers 500 `{message:"Internal Server Error"}`.
 *
 * @example
 * export const handler = httpHandler({ schema: placeOrderSchema, successStatus: 202, handle: (order) => placeOrder(deps, order) });
 */
export function httpHandler<Schema extends z.ZodType, Result>(options: HttpHandlerOptions<Schema, Result>) {
  const logger = options.logger ?? createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const body = readJsonBody(event, { required: true, object: true });
    if (!body.ok) return badRequest([{ path: '', message: body.message }]);
    const parsed = options.schema.safeParse(body.value);
    if (!parsed.success) return badRequest(zodIssues(parsed.error));
    try {
      return json(options.successStatus, await options.handle(parsed.data));
    } catch (error) {
      // Input only the operation itself can judge (e.g. a nextToken from another list) is still the caller's fault.
      if (error instanceof InvalidArgumentsError) return badRequest(error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }]);
      logger.error('request failed', { path: event.rawPath, error });
      return json(500, { message: 'Internal Server Error' });
    }
  };
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The request's JSON body, decoded (base64 too) and parsed. An empty body is `undefined` unless
 * `required`; `object` refuses anything but a JSON object. The message says what is wrong.
 */
export function readJsonBody(event: APIGatewayProxyEventV2, options: { required?: boolean; object?: boolean } = {}): BodyResult {
  if (event.body === undefined || event.body === null || event.body === '') {
    return options.required ? { ok: false, message: options.object ? 'a JSON object body is required' : 'a JSON body is required' } : { ok: true, value: undefined };
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  if (options.object && (typeof value !== 'object' || value === null || Array.isArray(value))) return { ok: false, message: 'the body must be a JSON object' };
  return { ok: true, value };
}

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** 400 `{message: "Bad Request", errors: [{path, message}]}`. */
export function badRequest(errors: readonly { path: string; message: string }[]): HttpResult {
  return json(400, { message: 'Bad Request', errors });
}
