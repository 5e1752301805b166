import { awsJsonError, type AwsJsonService } from './aws-json.ts';
import { readBody } from './body.ts';
import { AwsServiceError } from './errors.ts';
import { exceedsDepth } from './json-depth.ts';
import { HOP_BY_HOP_HEADERS } from './server.ts';

/** A JSON service served by another process (DynamoDB Local, kinesalite), reached through the main port. */
export interface ProxiedService {
  readonly endpoint: string;
  /** `__type` namespace and content type of the answers the proxy makes itself (413, an unreachable backend). */
  readonly errorNamespace: string;
  readonly jsonVersion: '1.0' | '1.1';
  /** The largest request forwarded, in bytes (413 beyond). */
  readonly maxRequestBytes: number;
  /**
   * JSON bodies nesting deeper than `depth` are answered with `error` instead of being forwarded (a
   * backend may answer 500 or recurse into them); CBOR and other bodies pass as they are.
   */
  readonly maxDepth?: { readonly depth: number; readonly error: () => AwsServiceError };
}

/**
 * Forwards a request to its backend: the body is read under the service's cap (never held beyond
 * it), optionally rewritten, and the answer streams back. A backend that cannot be reached answers
 * the service's 500 shape for this request alone. `onOk` gets the JSON request of a request the
 * backend answered 200 (as soon as its status is known, before its body streams back).
 */
export async function proxyRequest(
  request: Request,
  service: ProxiedService,
  rewrite?: (json: string) => string,
  onOk?: (json: string | undefined) => void,
): Promise<Response> {
  const errorShape: AwsJsonService = { targetPrefix: '', jsonVersion: service.jsonVersion, errorNamespace: service.errorNamespace, handle: async () => undefined };
  const contentType = `application/x-amz-json-${service.jsonVersion}`;
  let response: Response;
  try {
    const bytes = await readBody(request, service.maxRequestBytes);
    const headers = new Headers(request.headers);
    headers.delete('host');
    headers.delete('content-length');
    const json = request.headers.get('content-type')?.includes('json') ?? false;
    const text = json && (rewrite || service.maxDepth) ? new TextDecoder().decode(bytes) : undefined;
    if (text !== undefined && service.maxDepth && exceedsDepth(text, service.maxDepth.depth)) throw service.maxDepth.error();
    const body = rewrite && text !== undefined ? rewrite(text) : bytes;
    response = await fetch(service.endpoint, { method: 'POST', headers, body });
    if (response.status === 200) onOk?.(text);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', `The backend did not answer: ${(error as Error).message}`, { statusCode: 500, cause: error });
    return awsJsonError(errorShape, failure, contentType);
  }
  const answer = new Headers(response.headers);
  // Connection-specific headers belong to the hop to the backend, and HTTP/2 forbids them.
  for (const name of HOP_BY_HOP_HEADERS) answer.delete(name);
  return new Response(response.body, { status: response.status, headers: answer });
}
