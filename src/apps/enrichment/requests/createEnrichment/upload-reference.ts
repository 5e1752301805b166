import { s3Key } from '../../../../platform/limits.ts';
import { UPLOAD_PREFIX } from '../../shared/keys.ts';

export interface BucketLocation {
  /** The storage bucket's physical name. */
  readonly bucket: string;
  /** `AWS_ENDPOINT_URL_S3` when running on the local cloud (path-style URLs `<endpoint>/<bucket>/<key>`). */
  readonly endpoint?: string;
  /** The AWS region, for virtual-hosted URLs `https://<bucket>.s3.<region>.amazonaws.com/<key>`. */
  readonly region?: string;
}

export type UploadReference = { readonly ok: true; readonly key: string } | { readonly ok: false; readonly message: string };

/**
 * Resolves the `contacts` string of a request to the key of an upload in the service's own bucket:
 * a key (`uploads/<id>.json`), `s3://<bucket>/<key>`, or the bucket's object URL (path-style on the
 * local endpoint, virtual-hosted on AWS; a presigned URL's query is ignored). Any other URL or bucket
 * is refused: the service never fetches what a caller points it at (decision 2, no SSRF).
 *
 * @example uploadReference('s3://enrichment-storage/uploads/a.json', { bucket: 'enrichment-storage' }) // { ok: true, key: 'uploads/a.json' }
 */
export function uploadReference(value: string, location: BucketLocation): UploadReference {
  const refused = { ok: false, message: `must be the key or URL of an upload in this service's bucket ${location.bucket} (${UPLOAD_PREFIX}…)` } as const;
  const key = /^[a-z][a-z0-9+.-]*:/i.test(value) ? keyFromUrl(value, location) : value;
  if (key === undefined) return refused;
  const valid = s3Key().safeParse(key);
  if (!valid.success) return { ok: false, message: `must name an S3 key: it ${valid.error.issues.map((issue) => issue.message).join(', ')}` };
  if (!key.startsWith(UPLOAD_PREFIX) || key.length === UPLOAD_PREFIX.length || key.split('/').some((part) => part === '..' || part === '.')) {
    return { ok: false, message: `must name an object under ${UPLOAD_PREFIX} (ask POST /enrichment/uploads for one), got "${key}"` };
  }
  return { ok: true, key };
}

function keyFromUrl(value: string, { bucket, endpoint, region }: BucketLocation): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 's3:') return url.hostname === bucket ? objectKey(url.pathname) : undefined;
  if (url.username || url.password) return undefined;
  if (endpoint) {
    const base = new URL(endpoint);
    const prefix = `${base.pathname.replace(/\/$/, '')}/${bucket}/`;
    if (url.origin === base.origin && url.pathname.startsWith(prefix)) return objectKey(url.pathname.slice(prefix.length - 1));
  }
  const awsHosts = [`${bucket}.s3.amazonaws.com`, ...(region ? [`${bucket}.s3.${region}.amazonaws.com`, `${bucket}.s3-${region}.amazonaws.com`] : [])];
  if (url.protocol === 'https:' && url.port === '' && awsHosts.includes(url.hostname)) return objectKey(url.pathname);
  return undefined;
}

/** `/uploads/a%20b.json` → `uploads/a b.json`; undefined when the encoding is broken. */
function objectKey(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname.replace(/^\//, ''));
  } catch {
    return undefined;
  }
}
