import { readText } from './body.ts';
import { AwsServiceError, notImplemented } from './errors.ts';
import { exceedsDepth, MAX_REQUEST_DEPTH } from './json-depth.ts';

/** The request cap of a JSON service that names none. */
export const DEFAULT_MAX_REQUEST_BYTES = 1_048_576;

/** One emulated service speaking the AWS JSON protocol, routed by its `X-Amz-Target` prefix. */
export interface AwsJsonService {
  /** e.g. `AmazonSQS`, `AWSEvents`. */
  readonly targetPrefix: string;
  /** `1.0` (SQS, DynamoDB) or `1.1` (EventBridge). */
  readonly jsonVersion: '1.0' | '1.1';
  /** The smithy namespace used in `__type`, e.g. `com.amazonaws.sqs`. */
  readonly errorNamespace: string;
  /** The largest request body it reads, in bytes (413 beyond); default 1 MiB. */
  readonly maxRequestBytes?: number;
  /** Returns the operation output, or throws AwsServiceError; unknown operations throw `unknownOperation`. */
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
}

/** `Prefix.Operation` split at its first dot; undefined without one. */
export function parseTarget(target: string | null): { prefix: string; operation: string } | undefined {
  const dot = target?.indexOf('.') ?? -1;
  if (!target || dot < 0) return undefined;
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** Finds the service for a request's `X-Amz-Target`, or undefined if none claims it. */
export function routeAwsJson(services: readonly AwsJsonService[], target: string | null): AwsJsonService | undefined {
  const parsed = parseTarget(target);
  return parsed && services.find((service) => service.targetPrefix === parsed.prefix);
}

/** parse → invoke → serialize for one AWS JSON request; errors become AWS's error shape. */
export async function handleAwsJson(service: AwsJsonService, request: Request): Promise<Response> {
  const operation = parseTarget(request.headers.get('x-amz-target'))?.operation ?? '';
  const contentType = `application/x-amz-json-${service.jsonVersion}`;
  try {
    const input = parseJsonObject(await readText(request, service.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES));
    const output = await service.handle(operation, input);
    return new Response(JSON.stringify(output ?? {}), {
      status: 200,
      headers: { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() },
    });
  } catch (error) {
    return awsJsonError(service, error, contentType);
  }
}

/**
 * A JSON request document: an object, nested no deeper than AWS's request shapes need (a deeper one
 * is refused before anything recurses over it). Empty text is `{}`.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  if (exceedsDepth(text, MAX_REQUEST_DEPTH)) {
    throw new AwsServiceError('SerializationException', `The request body nests deeper than ${MAX_REQUEST_DEPTH} levels.`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  return input as Record<string, unknown>;
}

export function awsJsonError(service: AwsJsonService, error: unknown, contentType: string): Response {
  const failure =
    error instanceof AwsServiceError
      ? error
      : new AwsServiceError('InternalFailure', error instanceof Error ? error.message : String(error), { statusCode: 500 });
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-amzn-requestid': crypto.randomUUID(),
    'x-amzn-errortype': failure.code,
  };
  if (failure.queryErrorCode) headers['x-amzn-query-error'] = `${failure.queryErrorCode};${failure.fault}`;
  const body = { __type: `${service.errorNamespace}#${failure.code}`, message: failure.message };
  return new Response(JSON.stringify(body), { status: failure.statusCode, headers });
}

export { notImplemented };
