import { z } from 'zod';
import { httpHandler } from '../../../../platform/http.ts';
import { presignedGetUrl } from '../../../../platform/s3.ts';
import { config } from '../../shared/config.ts';
import { deps } from '../../shared/deps.ts';
import { enrichmentHttp } from '../../shared/http.ts';
import { createEnrichment, type CreateEnrichmentDeps } from './createEnrichment.ts';
import { parseCreateRequest } from './request.ts';

const createDeps: CreateEnrichmentDeps = {
  ...deps(),
  splitQueueUrl: config.splitQueueUrl,
  location: { bucket: config.bucket, ...(process.env.AWS_ENDPOINT_URL_S3 && { endpoint: process.env.AWS_ENDPOINT_URL_S3 }), ...(process.env.AWS_REGION && { region: process.env.AWS_REGION }) },
  presignGet: (key) => presignedGetUrl(config.bucket, key),
};

// Any JSON object: parseCreateRequest names every problem at once, in the spec's words.
const body = z.record(z.string(), z.unknown());

/** POST /enrichment → 202 `{message, requestId, downloadUrl[, deduplicated]}`. */
export const handler = httpHandler({ body, status: 202, handle: ({ body }) => createEnrichment(createDeps, parseCreateRequest(body)) }, enrichmentHttp);
