/** First path segments of the local cloud's own routes: never taken for a bucket unless the request is signed for S3. */
const RESERVED_SEGMENTS = new Set(['_eventloom', 'apis', '2015-03-31', 'lambda-url']);

export interface RequestHead {
  method: string;
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The access key and service of a SigV4 request (Authorization header or presigned query), if signed. */
export function sigV4Credential(request: RequestHead): { accessKeyId: string; service: string } | undefined {
  const authorization = header(request, 'authorization');
  const fromHeader = authorization && /Credential=([^,\s]+)/.exec(authorization)?.[1];
  const scope = fromHeader || queryParameter(request.url, 'X-Amz-Credential');
  if (!scope) return undefined;
  const [accessKeyId, , , service] = scope.split('/');
  return accessKeyId && service ? { accessKeyId, service } : undefined;
}

/**
 * Whether the main port should hand a request to S3: it is SigV4-signed for service `s3`, or
 * (unsigned, e.g. a plain GET) its first path segment names an existing bucket.
 */
export function isS3Request(request: RequestHead, bucketExists: (name: string) => boolean): boolean {
  if (header(request, 'x-amz-target')) return false;
  const credential = sigV4Credential(request);
  if (credential) return credential.service === 's3';
  const first = firstPathSegment(request.url);
  return first !== undefined && first !== '' && !RESERVED_SEGMENTS.has(first) && bucketExists(first);
}

function firstPathSegment(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://local').pathname.split('/')[1] ?? '');
  } catch {
    return undefined; // a malformed URL is not S3's to answer
  }
}

/** A query parameter of a request target, null when absent or the target does not parse. */
export function queryParameter(url: string, name: string): string | null {
  try {
    return new URL(url, 'http://local').searchParams.get(name);
  } catch {
    return null;
  }
}

function header(request: RequestHead, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
