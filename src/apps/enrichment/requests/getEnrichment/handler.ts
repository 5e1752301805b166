import { dynamoDb } from '../../../../platform/aws-clients.ts';
import { presignedGetUrl } from '../../../../platform/s3.ts';
import { config } from '../../shared/config.ts';
import { apiHandler } from '../../shared/http.ts';
import { StatusTable } from '../../shared/status-table.ts';
import { getEnrichment, type GetEnrichmentDeps } from './getEnrichment.ts';

const deps: GetEnrichmentDeps = { status: new StatusTable(dynamoDb(), config.table), presignGet: (key) => presignedGetUrl(config.bucket, key) };

/** GET /enrichment/{id} → 200 the status record, 404 for an unknown id. */
export const handler = apiHandler(async (event) => ({ statusCode: 200, body: await getEnrichment(deps, event.pathParameters?.id ?? '') }));
