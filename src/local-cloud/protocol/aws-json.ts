import { AwsServiceError, notImplemented } from './errors.ts';

/** One emulated service speaking the AWS JSON protocol, routed by its `X-Amz-Target` prefix. */
export interface AwsJsonService {
  /** e.g. `AmazonSQS`, `AWSEvents`. */
  readonly targetPrefix: string;
  /** `1.0` (SQS, DynamoDB) or `1.1` (EventBridge). */
  readonly jsonVersion: '1.0' | '1.1';
  /** The smithy namespace used in `__type`, e.g. `com.amazonaws.sqs`. */
  readonly errorNamespace: string;
  /** Returns the operation output, or throws AwsServiceError; unknown operations throw `notImplemented`. */
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
}

/** Finds the service for a request's `X-Amz-Target`, or undefined if none claims it. */
export function routeAwsJson(services: readonly AwsJsonService[], target: string | null): AwsJsonService | undefined {
  if (!target) return undefined;
  const prefix = target.slice(0, target.indexOf('.'));
  return services.find((service) => service.targetPrefix === prefix);
}

/** parse → invoke → serialize for one AWS JSON request; errors become AWS's error shape. */
export async function handleAwsJson(service: AwsJsonService, request: Request): Promise<Response> {
  const target = request.headers.get('x-amz-target') ?? '';
  const operation = target.slice(target.indexOf('.') + 1);
  const contentType = `application/x-amz-json-${service.jsonVersion}`;
  try {
    const text = await request.text();
    let input: unknown;
    try {
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.');
    }
    const output = await service.handle(operation, input as Record<string, unknown>);
    return new Response(JSON.stringify(output ?? {}), {
      status: 200,
      headers: { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() },
    });
  } catch (error) {
    return awsJsonError(service, error, contentType);
  }
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
