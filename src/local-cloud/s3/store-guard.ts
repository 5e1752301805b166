import { resolve, sep } from 'node:path';
import { queryParameter } from './routing.ts';
import { s3rverError, type S3rverStore } from './s3rver.ts';

/** s3rver names a multipart upload with `crypto.randomBytes(16).toString('hex')`. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const PART_NUMBER = /^\d{1,5}$/;
const MAX_PART_NUMBER = 10_000;

/**
 * Why a request's multipart parameters are invalid (s3rver joins them into file paths unchecked),
 * or undefined when they are absent or valid.
 */
export function invalidMultipartParameter(url: string): string | undefined {
  const uploadId = queryParameter(url, 'uploadId');
  if (uploadId !== null && !UPLOAD_ID.test(uploadId)) return 'The uploadId is not a valid upload ID.';
  const partNumber = queryParameter(url, 'partNumber');
  if (partNumber !== null && !(PART_NUMBER.test(partNumber) && Number(partNumber) >= 1 && Number(partNumber) <= MAX_PART_NUMBER)) {
    return `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive.`;
  }
  return undefined;
}

/**
 * Makes s3rver's filesystem store refuse any path outside its bucket's directory, and any key with a
 * `.` or `..` segment (which the path join would resolve onto another key): such a request fails
 * with 400 InvalidArgument instead. That covers every way in (path, form POST, copy source).
 */
export function confineStore(store: S3rverStore, directory: string): void {
  const root = resolve(directory);
  const refuse = (what: string) => s3rverError('InvalidArgument', `${what} may not contain "." or ".." path segments locally.`);
  const within = (parent: string, path: string): string => {
    if (!resolve(path).startsWith(parent + sep)) throw refuse('Bucket names, keys and upload IDs');
    return path;
  };
  const bucketDirectory = (bucket: string) => within(root, resolve(root, bucket));
  const { getBucketPath, getResourcePath, initiateUpload, putPart, putObjectMultipart } = store;
  const uploadPath = (bucket: string, ...names: string[]) =>
    within(bucketDirectory(bucket), resolve(store.getResourcePath(bucket, undefined, 'uploads'), ...names));
  Object.assign(store, {
    getBucketPath: (bucket: string) => within(root, getBucketPath.call(store, bucket)),
    getResourcePath: (bucket: string, key: string | undefined, resource: string) => {
      if (key?.split('/').some((segment) => segment === '.' || segment === '..')) throw refuse('Keys');
      return within(bucketDirectory(bucket), getResourcePath.call(store, bucket, key, resource));
    },
    initiateUpload: async (bucket: string, key: string, uploadId: string, metadata: unknown) => {
      store.getResourcePath(bucket, key, 'object');
      uploadPath(bucket, uploadId, 'key');
      return initiateUpload.call(store, bucket, key, uploadId, metadata);
    },
    putPart: async (bucket: string, uploadId: string, partNumber: number | string, content: unknown) => {
      uploadPath(bucket, uploadId, String(partNumber));
      return putPart.call(store, bucket, uploadId, partNumber, content);
    },
    putObjectMultipart: async (bucket: string, uploadId: string, parts: unknown) => {
      uploadPath(bucket, uploadId, 'key');
      return putObjectMultipart.call(store, bucket, uploadId, parts);
    },
  } satisfies Partial<S3rverStore>);
}
