import { mockEnrichmentApi } from '../../enrich/mock-api.ts';
import { config } from '../../shared/config.ts';
import { deps } from '../../shared/deps.ts';
import { batchMessageSchema } from '../../shared/messages.ts';
import { sqsMessageWorker } from '../../../../platform/sqs-worker.ts';
import { processBatch, type ProcessBatchDeps } from './processBatch.ts';

const batchDeps: ProcessBatchDeps = {
  ...deps(),
  api: mockEnrichmentApi(config.mockApi),
  retry: config.retry,
  finishQueueUrl: config.finishQueueUrl,
  crashAfterPartBatches: config.crashAfterPartBatches,
};

/** Batch queue consumer (batch size 1): enrich, write the part, count once, finish when all are counted. */
export const handler = sqsMessageWorker(batchMessageSchema, (message, record) => processBatch(batchDeps, message, Number(record.attributes.ApproximateReceiveCount)));
