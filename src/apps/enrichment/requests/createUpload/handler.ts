import { randomUUID } from 'node:crypto';
import { presignedPutUrl } from '../../../../platform/s3.ts';
import { config } from '../../shared/config.ts';
import { httpHandler } from '../../../../platform/http.ts';
import { enrichmentHttp } from '../../shared/http.ts';
import { createUpload, UPLOAD_URL_SECONDS } from './createUpload.ts';

const presignPut = (key: string) => presignedPutUrl(config.bucket, key, { contentType: 'application/json', expiresInSeconds: UPLOAD_URL_SECONDS });

/** POST /enrichment/uploads → 200 `{uploadUrl, key, expiresInSeconds}`. */
export const handler = httpHandler({ handle: () => createUpload({ newId: randomUUID, presignPut }) }, enrichmentHttp);
