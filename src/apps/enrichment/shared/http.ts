import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { createLogger } from '../../../platform/log.ts';
import { RequestNotFoundError, ValidationError, type FieldIssue } from './errors.ts';

export interface ApiResponse {
  readonly statusCode: 200 | 202;
  readonly body: unknown;
}

/**
 * The app's API Gateway v2 adapter: runs the operation and turns its errors into the spec's answers —
 * ValidationError → 400 `{message: "Validation failed", issues: [{field, message}]}`, RequestNotFoundError
 * → 404, anything else → 500 (logged). Every answer is JSON with `Access-Control-Allow-Origin: *`.
 *
 * @example export const handler = apiHandler(async (event) => ({ statusCode: 200, body: await find(pathId(event)) }));
 */
export function apiHandler(handle: (event: APIGatewayProxyEventV2) => Promise<ApiResponse>) {
  const logger = createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } });
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const { statusCode, body } = await handle(event);
      return json(statusCode, body);
    } catch (error) {
      if (error instanceof ValidationError) return json(400, { message: error.message, issues: error.issues });
      if (error instanceof RequestNotFoundError) return json(404, { message: 'Request not found' });
      logger.error('request failed', { path: event.rawPath, error });
      return json(500, { message: 'An internal server error occurred.' });
    }
  };
}

/** The JSON body (an object), or a ValidationError saying what is wrong with it. */
export function jsonBody(event: APIGatewayProxyEventV2): Record<string, unknown> {
  if (!event.body) throw new ValidationError([{ field: 'body', message: 'a JSON object body is required' }]);
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'body', message: 'is not valid JSON' }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);
  return value as Record<string, unknown>;
}

/** Zod issues as `{field, message}`, fields as dotted paths under `prefix` (`contacts.3.first_name`). */
export function fieldIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ field: [...prefix, ...issue.path].map(String).join('.') || 'body', message: issue.message }));
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' }, body: JSON.stringify(body) };
}
