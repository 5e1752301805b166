import { randomUUID } from 'node:crypto';
import { readText, RequestTooLargeError } from '../protocol/body.ts';
import { AwsServiceError } from '../protocol/errors.ts';
import { exceedsDepth, MAX_DOCUMENT_DEPTH } from '../protocol/json-depth.ts';
import { functionNotFound, invalidParameter, invalidRequestContent } from './runner/errors.ts';
import type { FunctionRunner } from './runner/function-runner.ts';
import { stderrLogger } from './runner/output.ts';
import type { RunnerLogger } from './runner/types.ts';

/** AWS's synchronous payload limit, for requests and responses alike. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** AWS's limit of an asynchronous (`Event`) invocation's payload. */
const MAX_ASYNC_PAYLOAD_BYTES = 256 * 1024;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

export interface InvokeApiOptions {
  /** Where failures of `Event` invocations are reported (nobody waits for them); default stderr. */
  logger?: RunnerLogger;
  /**
   * Takes over `Event` invocations, e.g. into a durable queue with Lambda's asynchronous retries;
   * default: run them in the background, in memory.
   */
  enqueueAsync?: (functionName: string, event: unknown) => void;
}

/**
 * `POST /2015-03-31/functions/{FunctionName}/invocations`: parse → route → invoke → serialize,
 * answering as Lambda does (including its error bodies, which `@aws-sdk/client-lambda` maps to
 * its exception classes).
 *
 * @example
 * app.post('/2015-03-31/functions/:name/invocations', (c) => handleInvoke(runner, c.req.param('name'), c.req.raw));
 */
export async function handleInvoke(runner: FunctionRunner, functionName: string, request: Request, options: InvokeApiOptions = {}): Promise<Response> {
  const requestId = randomUUID();
  try {
    const name = resolveFunctionName(runner, functionName, new URL(request.url).searchParams.get('Qualifier'));
    const invocationType = parseInvocationType(request.headers.get('x-amz-invocation-type'));
    if (invocationType === 'DryRun') return new Response(null, { status: 204, headers: { 'x-amzn-requestid': requestId } });
    const limit = invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
    // Read no further than the cap: a larger body is refused as it streams in, never held whole.
    const event = parsePayload(await readText(request, limit, { tooLarge: payloadTooLarge }));
    if (invocationType === 'Event') {
      if (options.enqueueAsync) options.enqueueAsync(name, event);
      else runInBackground(runner, name, event, options.logger ?? stderrLogger);
      return new Response(null, { status: 202, headers: { 'x-amzn-requestid': requestId } });
    }
    const result = await runner.tryInvoke(name, event);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amz-executed-version': '$LATEST' };
    if (!result.ok) return new Response(JSON.stringify(result.error), { status: 200, headers: { ...headers, 'x-amz-function-error': 'Unhandled' } });
    const body = JSON.stringify(result.payload);
    if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) {
      const error = { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).` };
      return new Response(JSON.stringify(error), { status: 200, headers: { ...headers, 'x-amz-function-error': 'Unhandled' } });
    }
    return new Response(body, { status: 200, headers });
  } catch (error) {
    return lambdaErrorResponse(error, requestId);
  }
}

/** Accepts a name, `name:qualifier`, a partial ARN (`account:function:name`) or a full ARN. */
export function parseFunctionName(value: string): { name: string; qualifier: string | undefined } {
  const parts = decodeIfEncoded(value).split(':');
  const at = parts.indexOf('function');
  const rest = at >= 0 ? parts.slice(at + 1) : parts;
  return { name: rest[0] ?? '', qualifier: rest[1] };
}

function resolveFunctionName(runner: FunctionRunner, value: string, qualifierParam: string | null): string {
  const { name, qualifier: fromName } = parseFunctionName(value);
  const qualifier = fromName ?? qualifierParam ?? undefined;
  // Versions and aliases are not emulated: only the unqualified function (`$LATEST`) exists.
  if (!runner.has(name) || (qualifier !== undefined && qualifier !== '$LATEST')) {
    throw functionNotFound(qualifier ? `${runner.functionArn(name)}:${qualifier}` : runner.functionArn(name));
  }
  return name;
}

function parseInvocationType(header: string | null): InvocationType {
  const type = header ?? 'RequestResponse';
  if ((INVOCATION_TYPES as readonly string[]).includes(type)) return type as InvocationType;
  throw new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
  );
}

function payloadTooLarge(limit: number): RequestTooLargeError {
  return new RequestTooLargeError(limit, `Request must be smaller than ${limit} bytes for the InvokeFunction operation`, 'RequestTooLargeException');
}

function parsePayload(text: string): unknown {
  // Lambda hands an empty payload to the function as `{}`.
  if (text.length === 0) return {};
  // Both paths serialize the event (to the worker, to the async outbox), which recursion makes fail far below what parses.
  if (exceedsDepth(text, MAX_DOCUMENT_DEPTH)) {
    throw invalidRequestContent(`Could not parse request body into json: the payload nests deeper than ${MAX_DOCUMENT_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`, error);
  }
}

function runInBackground(runner: FunctionRunner, name: string, event: unknown, logger: RunnerLogger): void {
  runner.invoke(name, event).then(
    (result) => {
      if (!result.ok) logger.warn('asynchronous invocation failed', { function: name, ...result.error });
    },
    (error: unknown) => logger.warn('asynchronous invocation could not run', { function: name, error: String(error) }),
  );
}

/** Lambda's restJson error shape: `x-amzn-errortype` names the exception, the body carries `Type` and the message. */
export function lambdaErrorResponse(error: unknown, requestId: string): Response {
  const failure = error instanceof AwsServiceError ? error : new AwsServiceError('ServiceException', String(error), { statusCode: 500 });
  const body: Record<string, string> = { Type: failure.fault === 'Sender' ? 'User' : 'Service' };
  // The SDK's models differ per exception: ResourceNotFound/Service use `Message`, the others `message`.
  body[failure.code === 'ResourceNotFoundException' || failure.code === 'ServiceException' ? 'Message' : 'message'] = failure.message;
  if (failure.code === 'TooManyRequestsException') body.Reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';
  return new Response(JSON.stringify(body), {
    status: failure.statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': failure.code },
  });
}

/** A function name as the path carries it; malformed percent-encoding is the caller's error (400), not ours. */
function decodeIfEncoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalidParameter(`The function name ${value.slice(0, 170)} is not valid URL encoding.`);
  }
}
