import { deps } from '../../shared/deps.ts';
import { finishMessageSchema } from '../../shared/messages.ts';
import { sqsMessageWorker } from '../../../../platform/sqs-worker.ts';
import { finishRequest } from './finishRequest.ts';

const finishDeps = deps();

/** Finish queue consumer: output.json in batch order, then `completed`. */
export const handler = sqsMessageWorker(finishMessageSchema, (message) => finishRequest(finishDeps, message));
