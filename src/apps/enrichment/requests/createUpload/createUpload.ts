import { uploadKey } from '../../shared/keys.ts';

export interface CreateUploadDeps {
  readonly newId: () => string;
  readonly presignPut: (key: string) => Promise<string>;
}

export interface UploadTarget {
  /** PUT the JSON file here (Content-Type `application/json`) within the hour. */
  readonly uploadUrl: string;
  /** Then pass this as `contacts` to POST /enrichment. */
  readonly key: string;
  readonly expiresInSeconds: number;
}

export const UPLOAD_URL_SECONDS = 3_600;

/** A fresh `uploads/<uuid>.json` key and a presigned PUT URL for it (decision 1: S3 direct upload). */
export async function createUpload(deps: CreateUploadDeps): Promise<UploadTarget> {
  const key = uploadKey(deps.newId());
  return { uploadUrl: await deps.presignPut(key), key, expiresInSeconds: UPLOAD_URL_SECONDS };
}
