import { config } from '../../shared/config.ts';
import { deps } from '../../shared/deps.ts';
import { splitMessageSchema } from '../../shared/messages.ts';
import { sqsMessageWorker } from '../../../../platform/sqs-worker.ts';
import { splitRequest, type SplitRequestDeps } from './splitRequest.ts';

const splitDeps: SplitRequestDeps = { ...deps(), batchQueueUrl: config.batchQueueUrl };

/** Split queue consumer: one request in, its batch messages out. */
export const handler = sqsMessageWorker(splitMessageSchema, (message) => splitRequest(splitDeps, message));
