import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

let client: S3Client | undefined;

/**
 * The S3 client app code shares, configured from the environment only: locally
 * `AWS_ENDPOINT_URL_S3` points at the local cloud, which serves buckets path-style.
 */
export function s3(): S3Client {
  client ??= new S3Client({
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    // Checksums only where S3 demands them: the local store (s3rver) does not verify the others.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

/** A URL anyone can GET the object with until it expires (signed with the function's own credentials). */
export function presignedGetUrl(bucket: string, key: string, expiresInSeconds = 3600): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
}

/** A URL anyone can PUT the object's body to; with `contentType`, the upload must send that Content-Type. */
export function presignedPutUrl(bucket: string, key: string, options: { contentType?: string; expiresInSeconds?: number } = {}): Promise<string> {
  const command = new PutObjectCommand({ Bucket: bucket, Key: key, ...(options.contentType && { ContentType: options.contentType }) });
  return getSignedUrl(s3(), command, { expiresIn: options.expiresInSeconds ?? 3600 });
}
