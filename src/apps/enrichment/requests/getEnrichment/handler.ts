import { z } from 'zod';
import { dynamoDb } from '../../../../platform/aws-clients.ts';
import { httpHandler } from '../../../../platform/http.ts';
import { presignedGetUrl } from '../../../../platform/s3.ts';
import { config } from '../../shared/config.ts';
import { enrichmentHttp } from '../../shared/http.ts';
import { StatusTable } from '../../shared/status-table.ts';
import { getEnrichment, type GetEnrichmentDeps } from './getEnrichment.ts';

const deps: GetEnrichmentDeps = { status: new StatusTable(dynamoDb(), config.table), presignGet: (key) => presignedGetUrl(config.bucket, key) };

// Any id: one that is not a request id is simply unknown (404), not invalid.
const params = z.object({ id: z.string().default('') });

/** GET /enrichment/{id} → 200 the status record, 404 for an unknown id. */
export const handler = httpHandler({ params, handle: ({ params }) => getEnrichment(deps, params.id) }, enrichmentHttp);
